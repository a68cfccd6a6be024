"""From input files to written reports: one pipeline for ``render`` and ``batch``.

    pipeline   produce() (load → check → refuse, or every chosen format as bytes), render_one /
               output_files (bytes in, bytes out), edition_templates, warm
    inputs     find_inputs: the folder walk, skipping reportgen's own outputs
    outputs    Outcome; write_product and place: all of a report's files or none, no name clash
    run        render_many: many inputs, staged by workers and moved into place in input order
    workers    the process pool: results in order, a bounded window, a killed worker survived
"""

from .inputs import find_inputs
from .outputs import Outcome, Written, write_product
from .pipeline import (
    Product,
    Status,
    default_outputs,
    edition_templates,
    output_files,
    produce,
    render_one,
    warm,
)
from .run import convert, render_many

__all__ = [
    "Outcome", "Product", "Status", "Written", "convert", "default_outputs", "edition_templates", "find_inputs",
    "output_files", "produce", "render_many", "render_one", "warm", "write_product",
]
