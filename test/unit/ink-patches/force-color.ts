/** Imported first: chalk (Ink's, shared) reads the colour level once, when it is first imported. */
process.env["FORCE_COLOR"] = "3";
