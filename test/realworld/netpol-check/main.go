// Command netpol-check asks cyclonus, a third-party NetworkPolicy analyzer, whether each given
// connection is allowed by the NetworkPolicies in a directory. Usage: netpol-check <policy-dir> <traffic.json>
// It prints a JSON array with, per connection, whether ingress, egress and both are allowed.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mattfenwick/cyclonus/pkg/kube"
	"github.com/mattfenwick/cyclonus/pkg/matcher"
)

type verdict struct {
	Ingress bool `json:"ingress"`
	Egress  bool `json:"egress"`
	Allowed bool `json:"allowed"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: netpol-check <policy-dir> <traffic.json>")
		os.Exit(2)
	}
	policies, err := kube.ReadNetworkPoliciesFromPath(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var traffic []*matcher.Traffic
	if err := json.Unmarshal(raw, &traffic); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	explained := matcher.BuildNetworkPolicies(true, policies)
	out := make([]verdict, len(traffic))
	for i, t := range traffic {
		r := explained.IsTrafficAllowed(t)
		out[i] = verdict{Ingress: r.Ingress.IsAllowed(), Egress: r.Egress.IsAllowed(), Allowed: r.IsAllowed()}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "netpol-check: %d policies, %d connections\n", len(policies), len(traffic))
}
