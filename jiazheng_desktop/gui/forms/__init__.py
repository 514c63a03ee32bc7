"""Generated from the Designer files in ui/ by tools/build_forms.py; do not edit."""
