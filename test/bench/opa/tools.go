// Package opa pins the Open Policy Agent the bench compares the policy engine with; setup builds
// its command (`go build github.com/open-policy-agent/opa`) from the Go module proxy.
package opa
