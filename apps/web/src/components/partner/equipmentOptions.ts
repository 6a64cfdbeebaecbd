type Translate = (key: string) => string;
type HasKey = (key: string) => boolean;

/** The label of a kind, sector or cost model: the catalogue's wording when it has one, else the partner area's. */
export function optionLabel(t: Translate, te: HasKey, group: 'kinds' | 'sectors' | 'costModels', value: string): string {
  return te(`catalogue.${group}.${value}`) ? t(`catalogue.${group}.${value}`) : t(`partner.${group}.${value}`);
}
