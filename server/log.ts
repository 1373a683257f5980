import pino from "pino";
import { readConfig } from "./config";

/**
 * Structured JSON logs. Anything that could carry a credential is redacted by path as a second line of
 * defence; the first is never putting a token in a log call at all (identities are logged by tokenId).
 */
export const log = pino({
  level: readConfig().PLUMBLINE_LOG_LEVEL,
  base: { app: "plumbline" },
  redact: {
    paths: [
      "token",
      "*.token",
      "headers.authorization",
      'headers["x-forwarded-access-token"]',
      "*.headers.authorization",
    ],
    censor: "[redacted]",
  },
});
