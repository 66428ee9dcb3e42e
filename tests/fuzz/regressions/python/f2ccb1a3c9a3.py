import sys
from typing import Dict, List, NamedTuple, Optional
import typing

import kfp
from kfp import dsl


@dsl.container_component
def 작업_cc(text: str):
    return dsl.ContainerSpec(image='alpine:3.19', command=['echo'], args=[dsl.ConcatPlaceholder(['\u200e$printprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintprintnamelambda\ud800~', text])])


@dsl.component(base_image='python:3.9', packages_to_install=['`1\x85xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'])
def comp_0(pipeline: int, value: typing.List[str], 작업: Dict[str, int] = {}):
    print('hi')


@dsl.pipeline(name='gen')
def generated(p_print: bool, p_n: typing.List[str] = [2.5e300, {'x': 704, '\U0010fffd\x99\x85\r\nname': True, '\x82a b\x1c\x9a\x04': ' 0\u2029\x81a b́é'}]):
    t0 = 작업_cc(text='print')
    t1 = 작업_cc(text='name,lambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambdalambda')


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(generated, sys.argv[1])
