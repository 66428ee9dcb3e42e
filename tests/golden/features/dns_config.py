# How every pod of a run resolves names (kfp 1 `PipelineConf.set_dns_config(V1PodDNSConfig)`,
# kfp's samples/core/dns_config in the pipeline's own configuration): extra nameservers,
# search domains, resolver options with and without a value. kfp 2 has no DNS configuration:
# the v2 compiler refuses it at the call.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import V1PodDNSConfig, V1PodDNSConfigOption


@create_component_from_func
def show(text: str):
    print(text)


@dsl.pipeline(name="dns-config")
def dns_config(text: str = "hi"):
    show(text)
    dsl.get_pipeline_conf().set_dns_config(V1PodDNSConfig(
        nameservers=["1.2.3.4", "10.0.0.10"], searches=["ml.svc.cluster.local", "corp.example"],
        options=[V1PodDNSConfigOption(name="ndots", value="2"),
                 V1PodDNSConfigOption(name="edns0")]))


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(dns_config, sys.argv[1])
