import { NoticeList } from "@/components/notices/notice-list";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { listNotices } from "@/lib/sync/status-check";

// The signed-in user's notices: what the accounting system did with their items ("declined in Intacct", …).
export default async function NoticesPage() {
  const user = await requireUser();
  const notices = await listNotices(getDb(), user.companyId, user.id);
  return (
    <>
      <PageHeader title="Notices" subtitle="What happened to your items in accounting, newest first." />
      {notices.length === 0 ? (
        <EmptyState title="No notices">
          You will be told here when accounting declines or changes your items.
        </EmptyState>
      ) : (
        <Card>
          <NoticeList
            notices={notices.map((n) => ({
              id: n.id,
              title: n.title,
              body: n.body,
              href: n.href,
              createdAt: n.createdAt.toISOString(),
              read: n.readAt !== null,
            }))}
          />
        </Card>
      )}
    </>
  );
}
