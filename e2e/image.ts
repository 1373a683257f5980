import type { Page } from "@playwright/test";

export interface DecodedImage {
  width: number;
  height: number;
  /** share of pixels that differ from the background colour */
  content: number;
  /** the box around every non-background pixel, as shares of the image's width and height */
  spanX: number;
  spanY: number;
  /** the top-left pixel, as #rrggbb */
  corner: string;
}

/** Decodes a PNG in the page's own Chromium (no decoder of our own) and measures what is drawn on it. */
export async function decodePng(page: Page, bytes: Buffer): Promise<DecodedImage> {
  return page.evaluate(async (base64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${base64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const bg = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
    let content = 0;
    let [minX, minY, maxX, maxY] = [width, height, -1, -1];
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        const d = Math.max(
          Math.abs((data[i] ?? 0) - (bg[0] ?? 0)),
          Math.abs((data[i + 1] ?? 0) - (bg[1] ?? 0)),
          Math.abs((data[i + 2] ?? 0) - (bg[2] ?? 0)),
        );
        if (d <= 3) continue;
        content += 1;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    const hex = (v: number) => v.toString(16).padStart(2, "0");
    return {
      width,
      height,
      content: content / (width * height),
      spanX: maxX < 0 ? 0 : (maxX - minX + 1) / width,
      spanY: maxY < 0 ? 0 : (maxY - minY + 1) / height,
      corner: `#${bg.map(hex).join("")}`,
    };
  }, bytes.toString("base64"));
}
