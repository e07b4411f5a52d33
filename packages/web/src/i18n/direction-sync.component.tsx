import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from './languages';

/** Tells Mantine (portals, menus, drawers) about the direction that i18n.ts already set on <html>. */
export function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => setDirection(directionOf(language)), [language, setDirection]);
  return null;
}
