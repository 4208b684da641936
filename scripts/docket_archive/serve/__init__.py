"""The preview, `docket serve`: letters and pages kept between rebuilds, which pages
changed, the watch of letters/, and the page that lists problems while there are any."""
