// @nestjs/swagger offers './plugin' through its package exports, which tsconfig.json's node10 resolution does not read.
declare module '@nestjs/swagger/plugin' {
  export * from '@nestjs/swagger/dist/plugin';
}
