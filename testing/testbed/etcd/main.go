// etcd, as its own release builds it (etcdmain), for the test bed: kube-apiserver 1.37 serves consistent Lists from
// its watch cache and answers watch-list streams (sendInitialEvents) only over an etcd with RequestWatchProgress
// (3.5.13+); over Debian's 3.4 it reads every consistent List from etcd, ~2-3x slower than any current cluster.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
