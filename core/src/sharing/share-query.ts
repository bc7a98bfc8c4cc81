import { type DashboardDocument, interpolateVariables, NautilusError, type Panel, sameJson } from '@nautilus/sdk';

/**
 * The panel of a shared dashboard whose query, with the link's variable values filled in, is exactly
 * the one requested; FORBIDDEN when none is. A link's holder runs only what its dashboard shows.
 */
export function sharedPanelFor(
  document: DashboardDocument,
  values: Readonly<Record<string, string>>,
  dataSource: string,
  params: Record<string, unknown>,
): Panel {
  const panel = document.panels.find(
    (candidate) =>
      candidate.query !== undefined &&
      candidate.query.dataSource === dataSource &&
      sameJson(interpolateVariables(candidate.query.params, values), params),
  );
  if (!panel) {
    throw new NautilusError(
      'FORBIDDEN',
      "A share link runs only its dashboard's panel queries, with the variables it was made with; this query is not one of them.",
      { fields: [{ path: 'params', message: 'not a panel query of the shared dashboard' }] },
    );
  }
  return panel;
}
