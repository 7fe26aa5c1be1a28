from kg.cli import cli

cli(prog_name="reform-kg")
