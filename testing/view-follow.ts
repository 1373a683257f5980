import { expect } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { readViewMessage } from "@/lib/wire/read-message";
import { viewMessageSchema } from "@/lib/wire/view-protocol";
import { applyDelta, fromSnapshot, type ViewState } from "@/lib/wire/view-state";

/** A subscriber: what it holds after the messages since its revision, as the browser applies them. */
export function follow(state: ViewState | null, texts: { text: string }[]): ViewState | null {
  let s = state;
  for (const { text } of texts) {
    // Every message the server sends is a ViewMessage by the schema, and what the browser's one reader returns.
    const m = readViewMessage(text);
    expect(m).toEqual(viewMessageSchema.parse(JSON.parse(text)));
    if (!m) throw new Error("unreadable message");
    s = m.type === "snapshot" ? fromSnapshot(m) : s && applyDelta(s, m);
  }
  return s;
}

/** The pod with its first secondary interface's address changed. */
export const withIp = (pod: KubeObject, ip: string): KubeObject => {
  const ann = { ...pod.metadata.annotations };
  const status = JSON.parse(ann[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [ip];
  ann[NETWORK_STATUS_ANNOTATION] = JSON.stringify(status);
  return { ...pod, metadata: { ...pod.metadata, annotations: ann, resourceVersion: ip } };
};
