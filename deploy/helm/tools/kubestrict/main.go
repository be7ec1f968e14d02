// Command kubestrict checks rendered Kubernetes manifests offline against the Kubernetes API types (k8s.io/api):
// every document must decode in strict mode (no unknown or duplicate fields, every value of the field's type) into
// a built-in kind. It is what kubeconform does with JSON schemas, for machines that cannot download schemas.
//
//	helm template praetor deploy/helm/praetor | go run ./deploy/helm/tools/kubestrict
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	strict := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	valid, invalid := 0, 0
	for {
		document, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "read:", err)
			os.Exit(2)
		}
		if len(bytes.TrimSpace(stripComments(document))) == 0 {
			continue
		}
		_, kind, err := strict.Decode(document, nil, nil)
		if err != nil {
			invalid++
			name := "?"
			if kind != nil {
				name = kind.String()
			}
			fmt.Printf("INVALID %s: %v\n", name, err)
			continue
		}
		valid++
	}
	fmt.Printf("kubestrict: %d valid, %d invalid\n", valid, invalid)
	if invalid > 0 || valid == 0 {
		os.Exit(1)
	}
}

// stripComments drops comment-only lines, so that a document of comments alone counts as empty.
func stripComments(document []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.Split(document, []byte("\n")) {
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 && trimmed[0] != '#' {
			out.Write(line)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}
