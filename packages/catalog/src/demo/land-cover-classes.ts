/**
 * The classes of the demo scenes' `landcover` asset and their colours. The COGs that `pqe demo` writes carry the
 * same colours as their palette; the render config names them too, because a STAC item renderer does not read a
 * file's palette.
 */
export const demoLandCoverClasses = [
  { value: 1, name: 'Water', color: '#419bdf' },
  { value: 2, name: 'Forest', color: '#397d49' },
  { value: 3, name: 'Grassland', color: '#88b053' },
  { value: 4, name: 'Cropland', color: '#e49635' },
  { value: 5, name: 'Built area', color: '#c4281b' },
  { value: 6, name: 'Road', color: '#808080' },
  { value: 7, name: 'Bare ground', color: '#a59b8f' },
] as const;

/** The classes as a titiler `colormap` parameter: class value to colour. */
export function landCoverColormap(): Record<string, string> {
  return Object.fromEntries(demoLandCoverClasses.map(({ value, color }) => [String(value), color]));
}
