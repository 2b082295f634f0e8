import { z } from 'zod';

/** Treats an empty form value as absent (`null`), for optional dates and numbers. */
export const emptyToNull = (value: unknown): unknown => (value === '' || value === undefined ? null : value);

/** A required text field: trimmed, 1–`max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** An optional text field: absent becomes '', trimmed, at most `max` characters. */
export const optionalText = (max: number) =>
  z.preprocess((value) => (value === null || value === undefined ? '' : value), z.string().trim().max(max));
