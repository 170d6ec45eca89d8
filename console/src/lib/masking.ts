/**
 * Whether a contact value came masked from the server (138****8000, z***@example.com, ••••): what a
 * role without `customers:contact` gets. The console shows the value as it came; this only decides
 * whether to say 「已隐藏」 beside it.
 */
export function looksMasked(value: string | null | undefined): boolean {
  return !!value && /[*•]/.test(value);
}
