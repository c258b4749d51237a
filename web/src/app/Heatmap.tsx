// Heatmap draws a matrix of counts as SVG: one row per row key, one column per column key, the
// darker the cell the larger its value. Each cell says its value on hover and to screen readers;
// the page shows the same pairs as a table.
export interface Cell { row: string; col: string; value: number }

export function Heatmap({ title, rows, cols, cells, testId }: {
  title: string; rows: { key: string; label: string }[]; cols: { key: string; label: string }[]; cells: Cell[]; testId?: string;
}) {
  const size = cols.length > 30 || rows.length > 30 ? 12 : 18;
  const left = 170, top = 130;
  const max = Math.max(1, ...cells.map((c) => c.value));
  const ri = new Map(rows.map((r, i) => [r.key, i]));
  const ci = new Map(cols.map((c, i) => [c.key, i]));
  const width = left + cols.length * size + 8, height = top + rows.length * size + 8;
  const short = (s: string) => (s.length > 24 ? s.slice(0, 23) + "…" : s);
  return (
    <figure className="samenspel-heatmap" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} role="img" aria-label={title} data-cells={cells.length}>
        <title>{title}</title>
        {rows.map((r, i) => (
          <text key={r.key} x={left - 4} y={top + i * size + size * 0.7} textAnchor="end" fontSize={size * 0.6}>{short(r.label)}</text>
        ))}
        {cols.map((c, i) => (
          <text key={c.key} transform={`translate(${left + i * size + size * 0.7},${top - 4}) rotate(-60)`} fontSize={size * 0.6}>{short(c.label)}</text>
        ))}
        {rows.map((r, i) => <rect key={`row-${r.key}`} x={left} y={top + i * size} width={cols.length * size} height={size} className="samenspel-heatmap__row" />)}
        {cells.map((c) => {
          const x = ci.get(c.col), y = ri.get(c.row);
          if (x === undefined || y === undefined) return null;
          const t = c.value / max;
          return (
            <rect key={`${c.row}|${c.col}`} x={left + x * size + 1} y={top + y * size + 1} width={size - 2} height={size - 2}
              fill={`rgb(${Math.round(220 - 193 * t)},${Math.round(235 - 127 * t)},${Math.round(247 - 79 * t)})`} className="samenspel-heatmap__cell">
              <title>{`${rows[y].label} × ${cols[x].label}: ${c.value}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
