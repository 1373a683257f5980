import { PROBE_INPUT_DIR } from "../probes/manifest";
import { type PingSummary, parsePing } from "./ping";

/** The annotation a running probe reads its targets from (downward API): `key=address` separated by spaces. */
export const TARGETS_ANNOTATION = "plumbline.io/targets";
const TARGETS_FILE = `${PROBE_INPUT_DIR}/${TARGETS_ANNOTATION.replace("/", "_")}`;

/** How each pair is pinged: a few packets, fast, bounded by a deadline. */
export const PING = { count: 3, intervalSec: 0.2, deadlineSec: 2 } as const;

const IFNAME = /^[A-Za-z0-9._-]{1,15}$/;

/**
 * The probe's POSIX shell script: waits (at most `waitSec`) until its targets appear, pings each over `ifname`
 * and reports, per target, `@@ <key> <address> <exit code>` then ping's summary lines, to its termination
 * message (read without the kubelet) and its log. Works with busybox's ping (the test bed) and iputils' (the
 * OpenShift tools image).
 */
export function reachScript(ifname: string, waitSec: number): string[] {
  if (!IFNAME.test(ifname)) throw new Error(`not an interface name: ${ifname}`);
  const wait = Math.max(1, Math.floor(waitSec));
  const { count, intervalSec, deadlineSec } = PING;
  const script = [
    `T=${TARGETS_FILE}; n=0`,
    `while [ ! -s "$T" ]; do n=$((n+1)); if [ "$n" -gt ${wait} ]; then echo "@@error no targets within ${wait} s" > /dev/termination-log; exit 2; fi; sleep 1; done`,
    'if command -v ping >/dev/null 2>&1; then P=ping; else P="busybox ping"; fi',
    'out=""',
    'for t in $(cat "$T"); do',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's parameter expansion, not a JS template
    "  k=${t%%=*}; a=${t#*=}",
    `  r=$($P -q -c ${count} -i ${intervalSec} -w ${deadlineSec} -I ${ifname} "$a" 2>&1); rc=$?`,
    '  s=$(printf \'%s\\n\' "$r" | while IFS= read -r l; do case "$l" in *transmitted*|*min/avg/max*|ping:*) printf \'%s\\n\' "$l";; esac; done)',
    '  out="$out@@ $k $a $rc',
    "$s",
    '"',
    "done",
    "printf '%s' \"$out\" > /dev/termination-log; printf '%s' \"$out\"",
  ].join("\n");
  return ["sh", "-c", script];
}

/** The targets annotation's value; keys and addresses are checked, so nothing but them reaches the shell. */
export function targetsValue(targets: readonly { key: string; address: string }[]): string {
  return targets
    .map(({ key, address }) => {
      if (!/^[a-z0-9-]{1,40}$/.test(key)) throw new Error(`not a probe key: ${key}`);
      if (!/^[0-9a-fA-F.:]{2,45}$/.test(address)) throw new Error(`not an address: ${address}`);
      return `${key}=${address}`;
    })
    .join(" ");
}

export interface ProbeReport {
  key: string;
  address: string;
  exitCode: number;
  ping: PingSummary | null;
}

/** Reads what `reachScript` reported; lines it did not write are ignored, an `@@error` line is the probe's reason. */
export function parseProbeReport(text: string): { reports: ProbeReport[]; error?: string } {
  const reports: ProbeReport[] = [];
  const error = /^@@error (.{1,300})$/m.exec(text)?.[1];
  const blocks = text.split(/^(?=@@ )/m);
  for (const block of blocks) {
    const head = /^@@ ([a-z0-9-]{1,40}) (\S{1,45}) (-?\d{1,3})$/m.exec(block);
    if (!head?.[1] || !head[2] || !head[3]) continue;
    reports.push({ key: head[1], address: head[2], exitCode: Number(head[3]), ping: parsePing(block) });
  }
  return error ? { reports, error } : { reports };
}
