"""Reads an .xlsx with openpyxl (an independent reader) and prints what an accountant would see, as JSON."""
import datetime
import json
import sys

import openpyxl


def cell_value(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return {"date": value.strftime("%Y-%m-%d")}
    return value


book = openpyxl.load_workbook(sys.argv[1])
out = {}
for sheet in book.worksheets:
    out[sheet.title] = {
        "freeze": sheet.freeze_panes,
        "autofilter": sheet.auto_filter.ref,
        "rows": [[cell_value(c.value) for c in row] for row in sheet.iter_rows()],
        "formats": [[c.number_format for c in row] for row in sheet.iter_rows()],
        "widths": {k: v.width for k, v in sheet.column_dimensions.items()},
    }
print(json.dumps(out, ensure_ascii=False))
