/**
 * Where the warehouse edition keeps its data source: one JSON text in the document's
 * properties (shared by everyone who edits the spreadsheet, as the report settings are).
 */
const SOURCE_KEY = 'repeatSales.warehouseSource';

export function loadWarehouseSourceText(): string | null {
  try {
    return PropertiesService.getDocumentProperties().getProperty(SOURCE_KEY);
  } catch {
    return null;
  }
}

export function saveWarehouseSourceText(text: string): void {
  PropertiesService.getDocumentProperties().setProperty(SOURCE_KEY, text);
}
