import { checkDashboard, type DashboardDocument, dashboardSchema, migrateDashboard, NautilusError } from '@nautilus/sdk';
import { schemaIssues } from '../validation/json-schema-validator.ts';

/** Largest document accepted, serialised: a dashboard is layout and settings, not data. */
export const MAX_DOCUMENT_BYTES = 1_000_000;

/**
 * Migrates a document to the current schema and validates it: JSON Schema first, then the rules
 * that span fields. Throws VALIDATION naming every bad field; nothing is written on failure.
 */
export function validateDashboard(input: unknown): DashboardDocument {
  const size = Buffer.byteLength(JSON.stringify(input) ?? '');
  if (size > MAX_DOCUMENT_BYTES) {
    throw NautilusError.validation('dashboard document', [
      { path: '', message: `is ${size} bytes; the limit is ${MAX_DOCUMENT_BYTES}` },
    ]);
  }
  const { document } = migrateDashboard(input);
  const issues = schemaIssues(dashboardSchema, document);
  if (issues.length) throw NautilusError.validation('dashboard document', issues);
  const semantic = checkDashboard(document as DashboardDocument);
  if (semantic.length) throw NautilusError.validation('dashboard document', semantic);
  return document as DashboardDocument;
}
