from kfp import dsl


@dsl.component
def grüße(número: int, texto: str = "¡olá, señor!") -> str:
    """Saluda en español — con acentos.

    Args:
        número: Un número «especial».
        texto: Texto con ünïcödé ☃.
    """
    # comentario: 😀 emoji
    return f"{texto} {número}"


@dsl.component
def 한국어(값: str):
    """한국어 설명."""
    print(값)


@dsl.pipeline(name="unicode-all", description="Ünïcödé pipeline ☃\nzweite Zeile")
def unicode_all(numero: int = 1, nombre: str = "José"):
    g = grüße(número=numero, texto=nombre)
    한국어(값=g.output)
    한국어(값="직접 값")
