// `tsx testing/testbed/node/record-links.ts [out-dir]`: records what "Inspect node links" reads on a real node of the
// two-node bed - the probe script's output through busybox's POSIX shell in the node's mount and network namespace
// (the sysfs path the test bed's busybox probe takes), and iproute2's `ip -d -j link` / `ip -j addr` of the same
// namespace at the same moment - with a bridge uplinked to the segment (br-up over ens10), pods on mybr0 and a
// macvlan over ens9. Unit tests (lib/node-links/recorded.test.ts) parse both and hold them equal.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NODE_LINKS_SCRIPT } from "../../../lib/node-links/script";
import { applyObjects, startTestCluster } from "../cluster";
import { NODE_SPECS } from "./config";
import { imageRef } from "./image";
import { inNode, ip } from "./netns";
import { startNodes } from "./node";
import { joinSegment } from "./segment";
import { requestOn, runningPods } from "./truth";

const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../recorded/node-links"));
const NS = "links";
const nad = (name: string, config: Record<string, unknown>) => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name, namespace: NS },
  spec: { config: JSON.stringify({ cniVersion: "0.3.1", name, ...config }) },
});

const c = await startTestCluster({ seed: false });
try {
  const bed = await startNodes(c, [NODE_SPECS[0], { ...NODE_SPECS[1], nodeNetworkState: false }]);
  try {
    const two = bed.nodes[1];
    if (!two) throw new Error("no second node");
    joinSegment(bed.segment, two.netns, 12, "ens10");
    ip(two.netns, ["link", "add", "br-up", "type", "bridge"]);
    ip(two.netns, ["link", "set", "ens10", "master", "br-up"]);
    ip(two.netns, ["link", "set", "br-up", "up"]);
    await applyObjects(c, [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
      nad("br", { type: "bridge", bridge: "mybr0", ipam: { type: "whereabouts", range: "192.168.90.0/24" } }),
      nad("mv", {
        type: "macvlan",
        master: "ens9",
        mode: "bridge",
        ipam: { type: "whereabouts", range: "192.168.91.0/24" },
      }),
    ]);
    await applyObjects(
      c,
      ["a", "b"].map((name) => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name,
          namespace: NS,
          labels: { rec: "yes" },
          annotations: { "k8s.v1.cni.cncf.io/networks": "br,mv" },
        },
        spec: {
          nodeName: two.name,
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "c", image: imageRef(), imagePullPolicy: "Never" }],
        },
      })),
    );
    await runningPods(requestOn(c), NS, "rec=yes", 2);
    const script = execFileSync(
      inNode(two.anchorPid)[0],
      [...inNode(two.anchorPid).slice(1), "busybox", "sh", "-c", NODE_LINKS_SCRIPT],
      {
        encoding: "utf8",
      },
    );
    const links = ip(two.netns, ["-d", "-j", "link"]);
    const addrs = ip(two.netns, ["-j", "addr"]);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "busybox-probe.txt"), script);
    writeFileSync(path.join(out, "ip-d-j-link.json"), `${JSON.stringify(JSON.parse(links), null, 1)}\n`);
    writeFileSync(path.join(out, "ip-j-addr.json"), `${JSON.stringify(JSON.parse(addrs), null, 1)}\n`);
    const provenance = {
      source: "Plumbline test bed, node plumbline-node-2 (testing/testbed/node/record-links.ts)",
      versions: two.versions,
      busybox: execFileSync("busybox", ["--help"], { encoding: "utf8" }).split("\n")[0],
      iproute2: execFileSync("ip", ["-V"], { encoding: "utf8" }).trim(),
      recordedAt: new Date().toISOString(),
    };
    writeFileSync(path.join(out, "provenance.json"), `${JSON.stringify(provenance, null, 2)}\n`);
    console.error(`record-links: written to ${out}`);
  } finally {
    await bed.stop();
  }
} finally {
  await c.stop();
}
