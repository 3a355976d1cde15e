// A demo company connected to a mock Intacct and linked the way an admin would link it, for sync tests.
import type { SessionUser } from "@/lib/auth/sessions";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { connectIntacct, saveIntacctSettings } from "@/lib/integrations/sage-intacct/service";
import { DEMO_ACCOUNTING_COMPANIES } from "@/prisma/demo-catalog";
import { seedDemo } from "@/prisma/seed";
import {
  COST_CODES_ABSENT_IN_INTACCT,
  DEMO_CREDENTIALS,
  startMockIntacct,
  type MockIntacct,
} from "../../tools/mock-intacct/index";

export type ConnectedDemo = {
  mock: MockIntacct;
  admin: SessionUser;
  pm: SessionUser;
  pm2: SessionUser;
  companyId: string;
};

export async function sessionUser(db: Db, email: string): Promise<SessionUser> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { company: true } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId: user.companyId,
    companyName: user.company.name,
    timeZone: user.company.timeZone ?? "UTC",
  };
}

export async function setUpConnectedDemo(db: Db): Promise<ConnectedDemo> {
  process.env.APP_ENCRYPTION_KEY ??= generateEncryptionKey();
  const mock = await startMockIntacct({ port: 0, seed: "demo", log: false });
  process.env.INTACCT_ENDPOINT_URL = mock.endpoint;
  const { companyId } = await seedDemo(db);
  const admin = await sessionUser(db, "admin@demo.build");
  const outcome = await connectIntacct(db, admin, {
    companyId: DEMO_CREDENTIALS.companyId,
    senderId: DEMO_CREDENTIALS.senderId,
    senderPassword: DEMO_CREDENTIALS.senderPassword,
    userId: DEMO_CREDENTIALS.userId,
    userPassword: DEMO_CREDENTIALS.userPassword,
  });
  if (!outcome.ok) throw new Error(`connect failed: ${outcome.failure.title}`);
  await saveIntacctSettings(db, admin, {
    purchaseOrderDefinition: "Purchase Order",
    changeOrderDefinition: "PO Change Order",
    vendorInvoiceDefinition: "Vendor Invoice",
    defaultItemId: "SUBCONTRACT",
    defaultCostTypeId: "SUB",
  });
  await linkDemoRecords(db, companyId);
  return {
    mock,
    admin,
    pm: await sessionUser(db, "pm@demo.build"),
    pm2: await sessionUser(db, "pm2@demo.build"),
    companyId,
  };
}

// Links as an admin would through the linking screens: every demo vendor, project (with entity and GL account)
// and cost code that exists in the mock's demo company.
export async function linkDemoRecords(db: Db, companyId: string): Promise<void> {
  // The mock seeds vendor V-(1001 + i) for the i-th demo accounting company.
  for (const [i, vendor] of DEMO_ACCOUNTING_COMPANIES.entries()) {
    await db.accountingCompany.updateMany({
      where: { companyId, name: vendor.name },
      data: { intacctVendorId: `V-${1001 + i}` },
    });
  }
  for (const project of await db.project.findMany({ where: { companyId } })) {
    await db.project.update({
      where: { id: project.id },
      data: {
        intacctProjectId: project.number,
        intacctEntityId: project.city === "Boulder" ? "E200" : "E100",
        intacctGlAccount: "5000",
      },
    });
  }
  for (const code of await db.costCode.findMany({ where: { companyId } })) {
    if (!COST_CODES_ABSENT_IN_INTACCT.includes(code.code))
      await db.costCode.update({ where: { id: code.id }, data: { intacctStandardTaskId: code.code } });
  }
}
