import { findIndicator, INDICATOR_CATALOGUE, type PanelTransform } from '@nautilus/sdk';

// The inspector's edits of a panel's indicator transforms, as pure functions of the list.

/** The list with indicator `id` appended, every param at its catalogue default. */
export function addTransform(transforms: readonly PanelTransform[] | undefined, id: string): PanelTransform[] {
  const definition = findIndicator(id);
  if (!definition) return [...(transforms ?? [])];
  const params = Object.fromEntries(definition.params.map((param) => [param.name, param.default]));
  return [...(transforms ?? []), { indicator: id, params }];
}

/** The list with one param of transform `index` set; a value the catalogue refuses is clamped into range. */
export function setTransformParam(
  transforms: readonly PanelTransform[],
  index: number,
  name: string,
  value: number | null,
): PanelTransform[] {
  const transform = transforms[index];
  const param = transform ? findIndicator(transform.indicator)?.params.find((candidate) => candidate.name === name) : undefined;
  if (!transform || !param) return [...transforms];
  let next = value ?? param.default;
  if (param.type === 'integer') next = Math.round(next);
  next = Math.min(param.maximum, Math.max(param.minimum, next));
  return transforms.map((item, position) => (position === index ? { ...item, params: { ...item.params, [name]: next } } : item));
}

/** The list without transform `index`; undefined when none is left (the field leaves the document). */
export function removeTransform(transforms: readonly PanelTransform[], index: number): PanelTransform[] | undefined {
  const next = transforms.filter((_, position) => position !== index);
  return next.length === 0 ? undefined : next;
}

const GROUPS = ['trend', 'momentum', 'volatility', 'volume'] as const;

/** The catalogue as the picker lists it: grouped, each entry saying whether it overlays the price or takes a pane. */
export function indicatorPickerOptions(): { label: string; options: { value: string; label: string }[] }[] {
  return GROUPS.map((group) => ({
    label: group[0]!.toUpperCase() + group.slice(1),
    options: INDICATOR_CATALOGUE.filter((definition) => definition.group === group).map((definition) => ({
      value: definition.id,
      label: `${definition.name} (${definition.placement === 'overlay' ? 'over price' : 'own pane'})`,
    })),
  }));
}
