// Mantine's PostCSS preset: rem/em helpers, light/dark and rtl mixins used by its styles.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
