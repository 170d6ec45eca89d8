/**
 * Message outcomes in charts. Dark enough for text (a tooltip writes each series' name in its colour; WCAG AA 4.5:1
 * on white), and the same on the overview and a send's page.
 */
export const OUTCOME_COLORS = { created: '#0f5fd7', delivered: '#237804', failed: '#cf1322', cancelled: '#595959' } as const;
