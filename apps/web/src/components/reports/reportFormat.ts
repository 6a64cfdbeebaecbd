import type { Locale } from '@equipole/shared';
import { formatNumber } from '@/utils/format';

/** Numbers of the reports as people read them: hours with at most one decimal, rates as percentages. */
export function formatHours(value: number, locale: Locale): string {
  return formatNumber(value, locale, { maximumFractionDigits: 1 });
}

export function formatPercent(value: number | null, locale: Locale): string {
  return value === null ? '–' : formatNumber(value, locale, { style: 'percent', maximumFractionDigits: 1 });
}

export function formatCount(value: number, locale: Locale): string {
  return formatNumber(value, locale, { maximumFractionDigits: 0 });
}

/** Teal steps of the theme, dark enough for text contrast where used as labels. */
export const CHART_COLOURS = ['#0f766e', '#b45309', '#1d4ed8', '#7c3aed', '#be123c', '#4d7c0f'];
