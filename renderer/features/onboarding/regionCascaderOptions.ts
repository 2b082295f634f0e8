import type { RegionIndex } from '../../../shared/regions/regions';

/** A Cascader option: province › city › county. */
export interface RegionOption {
  readonly value: string;
  readonly label: string;
  readonly children?: RegionOption[];
}

/** The three-level tree of the picker, built once from the index. */
export function regionCascaderOptions(regions: RegionIndex): RegionOption[] {
  return [
    {
      value: regions.province.code,
      label: regions.province.name,
      children: regions.cities().map((city) => ({
        value: city.code,
        label: city.name,
        children: regions.children(city.code).map((county) => ({ value: county.code, label: county.name })),
      })),
    },
  ];
}
