import { Button } from 'antd';
import { useT } from '../i18n';

export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { t } = useT();
  if (!query.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
