import { SetMetadata } from '@nestjs/common';

/** Marks a route that needs no sign-in (health, meta, sign-in itself). Everything else is authenticated. */
export const IS_PUBLIC = 'lotline:isPublic';
export const Public = () => SetMetadata(IS_PUBLIC, true);
