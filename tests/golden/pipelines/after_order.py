# `.after()` adds an order-only dependency: no data flows, but the task waits.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def create_table(table: str):
    print("create", table)


@create_component_from_func
def load_rows(table: str, rows: int):
    print("load", rows, "rows into", table)


@create_component_from_func
def build_index(table: str):
    print("index", table)


@create_component_from_func
def notify(channel: str):
    print("done, telling", channel)


@dsl.pipeline(name="after-order")
def after_order(table: str = "events"):
    create = create_table(table=table)
    load = load_rows(table=table, rows=1000)
    load.after(create)
    index = build_index(table=table)
    index.after(load)
    done = notify(channel="#data")
    done.after(index, load)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(after_order, sys.argv[1])
