import pino from "pino";

// Structured logs; secrets never reach here (the Intacct client redacts before logging, and app errors carry
// no credentials), but the paths below are a second fence.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: [
      "password",
      "*.password",
      "senderPassword",
      "*.senderPassword",
      "userPassword",
      "*.userPassword",
      "sessionId",
      "*.sessionId",
      "token",
    ],
    censor: "[redacted]",
  },
});
