#!/bin/sh
# Started detached by the node stage: if the process that owns the stage dies without tearing down (SIGKILL), this
# does it: kills everything in the stage's cgroups, removes them, its network namespace and its directory.
# Usage: watchdog.sh <owner-pid> <dir> <cgroup-root-name> <netns>
owner=$1 dir=$2 root=$3 netns=$4
while kill -0 "$owner" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
[ -d "$dir" ] || exit 0
for i in 1 2 3 4 5 6 7 8 9 10; do
  pids=$(find /sys/fs/cgroup/*/"$root" /sys/fs/cgroup/"$root" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u)
  [ -z "$pids" ] && break
  kill -9 $pids 2>/dev/null
  sleep 0.5
done
for i in 1 2 3 4 5; do
  find /sys/fs/cgroup/*/"$root" /sys/fs/cgroup/"$root" -depth -type d -exec rmdir {} \; 2>/dev/null
done
ip netns delete "$netns" 2>/dev/null
rm -rf "$dir"
