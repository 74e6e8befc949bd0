/* Going Global: replaces pydata-sphinx-theme's scripts/fontawesome.js (1.5 MB of Font Awesome's
   SVG-in-JavaScript, which swaps every <i class="fa-..."> for an inline SVG). The theme's
   stylesheet already carries Font Awesome's CSS and web fonts, which draw the same icons, so
   the script is not needed; this file of the same name in html_static_path takes its place.
   tests/test_site.py checks that the icons still draw. */
