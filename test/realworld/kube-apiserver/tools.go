//go:build tools

// Package tools pins the commands this module builds.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	// Its namespace and PVC-protection controllers delete namespaces as a cluster does.
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
