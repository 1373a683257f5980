import { TextEncoderStream as NodeTextEncoderStream } from "node:stream/web";
import { sseStreamProducer } from "@trpc/server/unstable-core-do-not-import";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { installUtf8EncoderStream, Utf8EncoderStream } from "./text-encoder-stream";

/** The bytes a stream makes of these chunks, written one by one. */
async function bytesOf(stream: TransformStream<string, Uint8Array>, chunks: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  const reading = (async () => {
    for await (const b of stream.readable) out.push(...b);
  })();
  const writer = stream.writable.getWriter();
  for (const c of chunks) await writer.write(c);
  await writer.close();
  await reading;
  return out;
}

/**
 * Text as it can reach an encoder: any code point, and lone surrogate halves (JavaScript strings are UTF-16 code
 * units; a slice can cut a pair), cut into chunks anywhere (a pair split between two chunks).
 */
const unit = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom("a", '"', "\\", "é", "😀"),
);
const chunked = fc
  .tuple(
    fc.array(unit, { maxLength: 40 }).map((us) => us.join("")),
    fc.array(fc.nat(), { maxLength: 6 }),
  )
  .map(([text, cuts]) => {
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    return [0, ...at, text.length].slice(1).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
  });

describe("Utf8EncoderStream", () => {
  it("makes the bytes Node's TextEncoderStream makes, however the text is cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(chunked, async (chunks) => {
        const ours = await bytesOf(new Utf8EncoderStream(), chunks);
        const node = await bytesOf(new NodeTextEncoderStream(), chunks);
        expect(ours).toEqual(node);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a pair split between two chunks one character, and ends a lone high half as U+FFFD", async () => {
    const grin = "😀"; // U+1F600, two code units
    expect(await bytesOf(new Utf8EncoderStream(), [`a${grin[0]}`, `${grin[1]}b`])).toEqual([
      0x61, 0xf0, 0x9f, 0x98, 0x80, 0x62,
    ]);
    expect(await bytesOf(new Utf8EncoderStream(), [`a${grin[0]}`])).toEqual([0x61, 0xef, 0xbf, 0xbd]);
    expect(await bytesOf(new Utf8EncoderStream(), [`${grin[0]}`, "", "b"])).toEqual([0xef, 0xbf, 0xbd, 0x62]);
  });
});

describe("installUtf8EncoderStream", () => {
  const native = globalThis.TextEncoderStream;
  afterAll(() => {
    globalThis.TextEncoderStream = native;
  });

  it("is what tRPC's SSE stream encodes with, and the stream reads back as written", async () => {
    installUtf8EncoderStream();
    expect(new TextEncoderStream()).toBeInstanceOf(Utf8EncoderStream);
    // a view message's text, as topology.view yields it (a name outside ASCII included)
    const text = JSON.stringify({ type: "snapshot", elements: [{ id: "pod/team-1/ünïcode-😀", kind: "pod" }] });
    async function* messages() {
      yield text;
    }
    const stream = sseStreamProducer({ data: messages(), serialize: (v: unknown) => v });
    let received = "";
    const decoder = new TextDecoder();
    for await (const bytes of stream) received += decoder.decode(bytes, { stream: true });
    const line = received.split("\n").find((l) => l.startsWith("data: ") && l.includes("snapshot"));
    expect(JSON.parse(line?.slice("data: ".length) ?? "null")).toBe(text);
  });
});
