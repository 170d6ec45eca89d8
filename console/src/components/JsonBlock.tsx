import { fmtJson } from '../lib/format';

/** Pretty JSON (or raw text) in a scrollable box. */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    // Focusable: a box that scrolls must be reachable from the keyboard.
    <pre
      data-testid={testId}
      tabIndex={0}
      style={{
        background: '#f6f8fa',
        padding: 12,
        borderRadius: 6,
        maxHeight: 360,
        overflow: 'auto',
        margin: 0,
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {value === null || value === undefined || value === '' ? '—' : fmtJson(value)}
    </pre>
  );
}

export function HeadersTable({ headers }: { headers: Record<string, string> | null | undefined }) {
  const entries = Object.entries(headers ?? {});
  if (!entries.length) return <span>—</span>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ fontSize: 12, borderCollapse: 'collapse' }}>
        <tbody>
          {entries.map(([k, v]) => (
            <tr key={k}>
              <td style={{ padding: '2px 12px 2px 0', color: '#57606a', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{k}</td>
              <td style={{ padding: '2px 0', wordBreak: 'break-all' }}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
