/**
 * Takes the README's overview picture: a generated 500-host / 20,000-pod cluster at 1280×720, checking that every
 * text on screen is at least 10 px. Against a running server (`npm run serve -- --snapshot <file>`):
 *   npm run generate -- --nodes 500 --pods 20000 --nads 150 --faults --out /tmp/c500.json
 *   npx tsx scripts/readme-overview.ts http://127.0.0.1:3000 public/readme/overview-500-hosts.png
 */
import { chromium } from "@playwright/test";
import { visibleTextSizes } from "../e2e/text-size";

const [url = "http://127.0.0.1:3000", out = "public/readme/overview-500-hosts.png"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.getByTestId("overview-matrix").waitFor({ timeout: 900_000 });
  const texts = [
    ...(await visibleTextSizes(page.getByTestId("graph"))),
    ...(await visibleTextSizes(page.getByRole("complementary"))),
  ];
  const small = texts.filter((t) => t.px < 10);
  if (small.length) throw new Error(`texts under 10 px: ${JSON.stringify(small.slice(0, 5))}`);
  await page.screenshot({ path: out });
  console.log(`${out}: ${texts.length} texts, the smallest ${Math.min(...texts.map((t) => t.px)).toFixed(1)} px`);
} finally {
  await browser.close();
}
