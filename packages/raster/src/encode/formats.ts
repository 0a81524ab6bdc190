// The output formats of titiler 0.18 (titiler.core.resources.enums ImageType, minus jp2) and their media types,
// as titiler sends them (including its "image/jpg" for .jpg).
export const imageFormats = ['png', 'npy', 'tif', 'jpeg', 'jpg', 'webp', 'pngraw'] as const;
export type ImageFormat = (typeof imageFormats)[number];

export const mediaTypes: Record<ImageFormat, string> = {
  png: 'image/png',
  pngraw: 'image/png',
  npy: 'application/x-binary',
  tif: 'image/tiff; application=geotiff',
  jpeg: 'image/jpeg',
  jpg: 'image/jpg',
  webp: 'image/webp',
};

export function isImageFormat(name: string): name is ImageFormat {
  return (imageFormats as readonly string[]).includes(name);
}

/** rio-tiler 6.8 img_profiles: JPEG quality 85, PNG zlevel 6, PNGRAW zlevel 1, WEBP quality 75 lossy. */
export const profiles = {
  jpegQuality: 85,
  pngLevel: 6,
  pngRawLevel: 1,
  webpQuality: 75,
} as const;
