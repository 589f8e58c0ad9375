/// The four charts of the HTML report, drawn from the report model alone, one file each.
enum Charts {}
