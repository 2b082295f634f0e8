import type { DomainResult } from '../domain/localizedText';
import { readImportFile, type ImportFileError } from './importFile';
import { planImport, type ImportContext, type ImportPlan, type ImportPlanError } from './scenarioImport';

/** Every reason an import file is refused as a whole. */
export type ImportError = ImportFileError | ImportPlanError;

/** Reads a chosen file and plans its import (what the import worker runs): one call, one Result. */
export function importSpreadsheet(fileName: string, bytes: Uint8Array, ctx: ImportContext): DomainResult<ImportPlan, ImportError> {
  const grid = readImportFile(fileName, bytes);
  if (!grid.ok) return grid;
  return planImport(grid.value, ctx);
}
