import typing
from typing import Dict, List, Optional

from kfp import dsl


@dsl.component(base_image="gcr.io:443/my-project/image:tag-1.0",
               packages_to_install=["requests>=2,<3", "it's-quoted", 'pkg[extra]==1.0 ; python_version>"3.8"'])
def typed(a: List[int], b: Dict[str, float], c: typing.List[str], d: list, e: dict,
          f: Optional[int] = None, g: Optional[str] = "x", h: typing.Dict[str, int] = {"k": 1}
          ) -> List[str]:
    return []


@dsl.component(packages_to_install=["kfp==2.17.3", "pandas"])
def brings_kfp(x: typing.Optional[float] = 1.0) -> typing.Dict[str, int]:
    return {}


@dsl.component(base_image="python:3.12")
def later(y: int):
    print(y)


@dsl.pipeline(name="types-forms", description="")
def types_forms(p_list: List[int] = [3, 2, 1], p_opt: Optional[int] = None, p_dict: Dict[str, int] = {"only": 1}):
    t = typed(a=p_list, b={"x": 1.5}, c=["a", "b"], d=[1, [2, 3], {"k": "v"}], e={"nested": {"deep": [True, False]}},
              f=p_opt, h=p_dict)
    u = brings_kfp()
    v = brings_kfp(x=2.5)
    w = later(y=7).after(t, u)
    later(y=8).after(v).after(w)
