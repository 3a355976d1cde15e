import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// The layers of ARCHITECTURE.md as lint errors. A later entry for the same rule replaces an earlier one for the
// files both match, so the general lib/ entry comes first and each narrower folder repeats what it keeps. Type-only imports stay allowed where a layer only needs shapes.
const restrict = (files, groups, options = {}) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: groups.map(([group, message]) => ({ group, message, ...options })) },
    ],
  },
});

const NOT_TESTS = [["@/tests/*", "**/tests/**"], "Product code never imports from tests/."];
const NOT_UI = [["@/app/*", "@/components/*"], "lib/ is below the UI: nothing from app/ or components/."];
const INTACCT_CLIENT_IS_PURE = [
  ["@/*", "next", "next/*", "react", "react-dom", "@prisma/*", "pg", "server-only"],
  "lib/intacct is a pure XML gateway client: nothing from next, react, prisma or @/lib.",
];
const SYNC_IS_NEUTRAL = [
  ["@/lib/integrations/sage-intacct/*", "@/lib/intacct", "@/lib/intacct/*", "**/sage-intacct/**"],
  "lib/sync is provider-neutral: it talks to lib/integrations/provider.ts (and registry.ts), never to a provider.",
];
const PROVIDERS_BELOW_SYNC = [
  ["@/lib/sync", "@/lib/sync/*"],
  "Providers implement lib/integrations/provider.ts; lib/sync calls them, not the other way round.",
];

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // A cycle between modules means two concerns that cannot be read (or loaded) one without the other.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  restrict(["lib/**/*.ts"], [NOT_TESTS, NOT_UI]),
  restrict(["lib/intacct/*.ts"], [INTACCT_CLIENT_IS_PURE, [["../*"], "lib/intacct imports only itself."]]),
  restrict(["lib/intacct/*/**/*.ts"], [INTACCT_CLIENT_IS_PURE, [["../../*"], "lib/intacct imports only itself."]]),
  restrict(["lib/sync/**/*.ts"], [NOT_TESTS, NOT_UI, SYNC_IS_NEUTRAL]),
  restrict(["lib/integrations/**/*.ts"], [NOT_TESTS, NOT_UI, PROVIDERS_BELOW_SYNC]),
  restrict(
    ["components/**/*.ts", "components/**/*.tsx"],
    [
      [
        ["@/lib/db/*", "@/lib/generated/prisma/client", "@prisma/*", "pg", "server-only"],
        "components/ never touch the database: pages load data and pass it down.",
      ],
    ],
    { allowTypeImports: true },
  ),
  restrict(
    ["tools/mock-intacct/**/*.ts"],
    [
      [
        ["@/*", "**/lib/**", "**/tests/**"],
        "The mock is an independent implementation of the protocol: nothing from lib/ or tests/.",
      ],
    ],
  ),
  restrict(["scripts/**/*.ts"], [NOT_TESTS]),
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "tools/prisma-migrate/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
