# kfp 2 with kfp-kubernetes: volumes a pipeline creates and deletes. CreatePVC with its size
# from a pipeline parameter, a name suffix, a storage class and annotations (caching off),
# and one with a fixed claim name from a parameter bound to a named volume (a display
# name); tasks mount the claims they create (with a sub path, inside an If and a loop,
# where kfp passes the claim name in through the group's inputs); DeletePVC after the
# writer, and of a claim a parameter names. Generic ephemeral volumes (a claim made with the
# pod): the cluster's default storage class, and a named one with labels and annotations.
from kfp import compiler, dsl, kubernetes


@dsl.component
def write(text: str) -> str:
    return text


@dsl.component
def read(text: str):
    print(text)


@dsl.pipeline(name="volumes")
def volumes(size: str = "1Gi", claim: str = "shared", flag: str = "go"):
    work = kubernetes.CreatePVC(access_modes=["ReadWriteMany"], size=size,
                                pvc_name_suffix="-work", storage_class_name="fast",
                                annotations={"owner": "kim"})
    work.set_caching_options(False)
    fixed = kubernetes.CreatePVC(access_modes=["ReadWriteOnce"], size="5Gi", pvc_name=claim,
                                 volume_name="pv-1", storage_class_name="")
    fixed.set_display_name("fixed claim")
    writer = write(text="x")
    kubernetes.mount_pvc(writer, pvc_name=work.outputs["name"], mount_path="/work")
    kubernetes.mount_pvc(writer, pvc_name=fixed.outputs["name"], mount_path="/fixed",
                         sub_path="in")
    with dsl.If(flag == "go"):
        reader = read(text=writer.output)
        kubernetes.mount_pvc(reader, pvc_name=work.outputs["name"], mount_path="/work")
    kubernetes.add_ephemeral_volume(writer, volume_name="scratch", mount_path="/scratch",
                                    access_modes=["ReadWriteOnce"], size="2Gi")
    with dsl.ParallelFor(["a", "b"]) as item:
        each = read(text=item)
        kubernetes.mount_pvc(each, pvc_name=fixed.outputs["name"], mount_path="/fixed")
        kubernetes.add_ephemeral_volume(each, volume_name="fast", mount_path="/fast",
                                        access_modes=["ReadWriteOnce", "ReadOnlyMany"],
                                        size="1Gi", storage_class_name="ssd",
                                        labels={"team": "ml"}, annotations={"note": "x"})
    kubernetes.DeletePVC(pvc_name=work.outputs["name"]).after(writer)
    kubernetes.DeletePVC(pvc_name=claim)


if __name__ == "__main__":
    compiler.Compiler().compile(volumes, "pipeline.yaml")
