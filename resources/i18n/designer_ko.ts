<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name></name>
    <message>
        <source>A kfp 1 ContainerOp: edit it in the Python file it came from.</source>
        <translation>kfp 1 컨테이너 작업입니다: 원래의 Python 파일에서 편집하세요.</translation>
    </message>
    <message>
        <source>A kfp 2 container component: edit its function in the Python file.</source>
        <translation>kfp 2 컨테이너 컴포넌트입니다: Python 파일에서 함수를 편집하세요.</translation>
    </message>
    <message>
        <source>Loaded from {where}: edit that file (the pipeline loads it as it is).</source>
        <translation>{where}에서 불러왔습니다: 그 파일을 편집하세요 (파이프라인은 파일을 있는 그대로 불러옵니다).</translation>
    </message>
    <message>
        <source>Its command uses placeholders the form does not show (if/else, URIs, env): edit its YAML.</source>
        <translation>이 명령은 양식이 보여 주지 않는 자리표시자(조건, 주소, 환경 변수)를 씁니다: YAML을 편집하세요.</translation>
    </message>
</context>
<context>
    <name>AccessModes</name>
    <message>
        <source>How nodes may use the claim (one or more)</source>
        <translation>노드가 클레임을 쓰는 방식 (하나 이상)</translation>
    </message>
    <message>
        <source>ReadWriteOnce: one node reads and writes</source>
        <translation>ReadWriteOnce: 노드 하나가 읽고 씁니다</translation>
    </message>
    <message>
        <source>ReadOnlyMany: many nodes read</source>
        <translation>ReadOnlyMany: 여러 노드가 읽습니다</translation>
    </message>
    <message>
        <source>ReadWriteMany: many nodes read and write</source>
        <translation>ReadWriteMany: 여러 노드가 읽고 씁니다</translation>
    </message>
    <message>
        <source>ReadWriteOncePod: one pod reads and writes (alone)</source>
        <translation>ReadWriteOncePod: 파드 하나가 읽고 씁니다 (단독으로만)</translation>
    </message>
    <message>
        <source>Set in the Python file: {value} is not a list of the access modes Kubernetes knows</source>
        <translation>Python 파일에서 설정한 값입니다: {value}은(는) Kubernetes가 아는 접근 모드의 목록이 아닙니다</translation>
    </message>
</context>
<context>
    <name>ArtifactViewer</name>
    <message>
        <source>{task} · {output}</source>
        <translation>{task} · {output}</translation>
    </message>
    <message>
        <source>Output `{output}` of task `{task}`{type}: {path}</source>
        <translation>태스크 `{task}`의 출력 `{output}`{type}: {path}</translation>
    </message>
</context>
<context>
    <name>Artifacts</name>
    <message>
        <source>Content</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>메타데이터</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <source>ROC curve</source>
        <translation>ROC 곡선</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Web app</source>
        <translation>웹 앱</translation>
    </message>
    <message>
        <source>TensorBoard</source>
        <translation>TensorBoard</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>파일이 비어 있습니다.</translation>
    </message>
    <message>
        <source>Binary data, {size} bytes. The first bytes:</source>
        <translation>바이너리 데이터, {size}바이트. 앞부분:</translation>
    </message>
    <message>
        <source>Its source `{source}` is not on this computer: a local run does not download it.</source>
        <translation>원본 `{source}`이(가) 이 컴퓨터에 없습니다. 로컬 실행은 이를 내려받지 않습니다.</translation>
    </message>
    <message>
        <source>TensorBoard needs a cluster; its logs are at `{source}`.</source>
        <translation>TensorBoard는 클러스터가 필요합니다. 로그 위치: `{source}`.</translation>
    </message>
    <message>
        <source>Only the first {rows} rows are shown.</source>
        <translation>처음 {rows}행만 표시합니다.</translation>
    </message>
    <message>
        <source>The file `{path}` is gone.</source>
        <translation>파일 `{path}`이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>임곗값</translation>
    </message>
    <message>
        <source>True positive rate (recall)</source>
        <translation>참 양성 비율(재현율)</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>거짓 양성 비율</translation>
    </message>
</context>
<context>
    <name>BoolValueEditor</name>
    <message>
        <source>(no value)</source>
        <translation>(값 없음)</translation>
    </message>
</context>
<context>
    <name>CanvasEditor</name>
    <message>
        <source>Not connected: {reason}</source>
        <translation>연결하지 않음: {reason}</translation>
    </message>
    <message>
        <source>Disconnected {input}.</source>
        <translation>{input} 연결을 끊었습니다.</translation>
    </message>
    <message>
        <source>that pipeline is not in this document</source>
        <translation>그 파이프라인은 이 문서에 없습니다</translation>
    </message>
    <message>
        <source>(it uses this pipeline&apos;s own, edited `{name}`)</source>
        <translation>(이 파이프라인에서 수정한 `{name}`을(를) 사용합니다)</translation>
    </message>
    <message>
        <source>Cannot add that component: {reason}</source>
        <translation>이 컴포넌트를 추가할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Cannot use that pipeline: {reason}</source>
        <translation>그 파이프라인을 사용할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Cannot use that pipeline: it contains itself</source>
        <translation>그 파이프라인을 사용할 수 없습니다: 자기 자신을 포함합니다</translation>
    </message>
    <message>
        <source>Added parameter {name}.</source>
        <translation>파라미터 {name}을(를) 추가했습니다.</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>자동 배치</translation>
    </message>
    <message>
        <source>Nothing selected to copy.</source>
        <translation>복사할 항목을 선택하지 않았습니다.</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>복사했습니다.</translation>
    </message>
    <message>
        <source>The clipboard holds no pipeline nodes ({reason}).</source>
        <translation>클립보드에 파이프라인 노드가 없습니다 ({reason}).</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message numerus="yes">
        <source>{action}: %n task(s).</source>
        <translation>
            <numerusform>{action}: 태스크 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Parameter…</source>
        <translation>파라미터 편집…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Add Parameter…</source>
        <translation>파라미터 추가…</translation>
    </message>
    <message>
        <source>Fit to View</source>
        <translation>화면에 맞추기</translation>
    </message>
</context>
<context>
    <name>CanvasScene</name>
    <message>
        <source>its source is gone</source>
        <translation>출발점이 사라졌습니다</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>artifact</source>
        <translation>아티팩트</translation>
    </message>
    <message>
        <source>Drag components here from the library</source>
        <translation>라이브러리에서 컴포넌트를 여기로 끌어 놓으세요</translation>
    </message>
    <message>
        <source>Right-click to add a pipeline parameter · wire outputs to inputs</source>
        <translation>오른쪽 클릭으로 파이프라인 파라미터 추가 · 출력을 입력에 연결</translation>
    </message>
</context>
<context>
    <name>ClusterRunDialog</name>
    <message>
        <source>Run {name} on Kubeflow</source>
        <translation>Kubeflow에서 {name} 실행</translation>
    </message>
    <message>
        <source>default: the pipeline&apos;s name and the time</source>
        <translation>기본값: 파이프라인 이름과 시각</translation>
    </message>
    <message>
        <source>Default (or type a new one)</source>
        <translation>Default (새 이름을 입력할 수도 있습니다)</translation>
    </message>
    <message>
        <source>Reuse cached results</source>
        <translation>캐시된 결과 재사용</translation>
    </message>
    <message>
        <source>Recurring run</source>
        <translation>반복 실행</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>Six fields, seconds first: 0 0 2 * * * is 02:00 daily</source>
        <translation>초부터 시작하는 여섯 필드입니다. 0 0 2 * * *는 매일 02:00입니다.</translation>
    </message>
    <message>
        <source>Runs at once</source>
        <translation>동시 실행 수</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>엔드포인트</translation>
    </message>
    <message>
        <source>Compile for</source>
        <translation>컴파일 대상</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>실행 이름</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
</context>
<context>
    <name>ClusterSession</name>
    <message>
        <source>&amp;Kubeflow…</source>
        <translation>Kubeflow(&amp;K)…</translation>
    </message>
    <message>
        <source>Kubeflow Pipelines endpoints: URL, authentication, TLS</source>
        <translation>Kubeflow Pipelines 엔드포인트의 URL, 인증, TLS를 설정합니다.</translation>
    </message>
    <message>
        <source>&amp;Upload to Kubeflow…</source>
        <translation>Kubeflow에 업로드(&amp;U)…</translation>
    </message>
    <message>
        <source>Upload the compiled pipeline to a Kubeflow endpoint</source>
        <translation>컴파일한 파이프라인을 Kubeflow 엔드포인트에 업로드합니다.</translation>
    </message>
    <message>
        <source>Run on &amp;Kubeflow…</source>
        <translation>Kubeflow에서 실행(&amp;K)…</translation>
    </message>
    <message>
        <source>Upload the pipeline and start a run on Kubeflow</source>
        <translation>파이프라인을 업로드하고 Kubeflow에서 실행을 시작합니다.</translation>
    </message>
    <message>
        <source>Kubeflow R&amp;uns…</source>
        <translation>Kubeflow 실행 목록(&amp;U)…</translation>
    </message>
    <message>
        <source>The runs of this pipeline on Kubeflow; re-open one</source>
        <translation>이 파이프라인의 Kubeflow 실행 목록을 보고 하나를 다시 엽니다.</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>Kubeflow</source>
        <translation>Kubeflow</translation>
    </message>
    <message>
        <source>The endpoints cannot be read.</source>
        <translation>엔드포인트를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Add a Kubeflow endpoint first (Settings ▸ Kubeflow…).</source>
        <translation>먼저 Kubeflow 엔드포인트를 추가하세요(설정 ▸ Kubeflow…).</translation>
    </message>
    <message>
        <source>session cookie</source>
        <translation>세션 쿠키</translation>
    </message>
    <message>
        <source>bearer token</source>
        <translation>Bearer 토큰</translation>
    </message>
    <message>
        <source>Kubeflow: {what}…</source>
        <translation>Kubeflow: {what}…</translation>
    </message>
    <message>
        <source>{what} failed.</source>
        <translation>{what}에 실패했습니다.</translation>
    </message>
    <message>
        <source>a new pipeline</source>
        <translation>새 파이프라인</translation>
    </message>
    <message>
        <source>a new version</source>
        <translation>새 버전</translation>
    </message>
    <message>
        <source>Uploaded {name} to {endpoint} as {kind} ({version}).</source>
        <translation>{name}을(를) {endpoint}에 {kind}(으)로 업로드했습니다({version}).</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>업로드</translation>
    </message>
    <message>
        <source>Values of the pipeline&apos;s parameters for the run on Kubeflow:</source>
        <translation>Kubeflow 실행에 쓸 파이프라인 파라미터 값:</translation>
    </message>
    <message>
        <source>Next…</source>
        <translation>다음…</translation>
    </message>
    <message>
        <source>Recurring run {id} created on {endpoint}.</source>
        <translation>{endpoint}에 반복 실행 {id}을(를) 만들었습니다.</translation>
    </message>
    <message>
        <source>Starting the run</source>
        <translation>실행 시작</translation>
    </message>
    <message>
        <source>Opening the run</source>
        <translation>실행 열기</translation>
    </message>
</context>
<context>
    <name>CodeEditorPane</name>
    <message>
        <source>New component</source>
        <translation>새 컴포넌트</translation>
    </message>
    <message>
        <source>Start a new component from a typed function skeleton</source>
        <translation>타입이 지정된 함수 뼈대로 새 컴포넌트를 시작합니다</translation>
    </message>
    <message numerus="yes">
        <source>used by %n task(s)</source>
        <translation>
            <numerusform>태스크 %n개에서 사용</numerusform>
        </translation>
    </message>
    <message>
        <source>No component</source>
        <translation>컴포넌트 없음</translation>
    </message>
    <message>
        <source>select a task to edit its component&apos;s code</source>
        <translation>태스크를 선택하면 해당 컴포넌트의 코드를 편집할 수 있습니다</translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation>{line}행: </translation>
    </message>
    <message>
        <source>ports keep their last good state.</source>
        <translation>포트는 마지막으로 올바르던 상태를 유지합니다.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add task {name}</source>
        <translation>태스크 {name} 추가</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n wire(s)</source>
        <translation>
            <numerusform>연결선 %n개 삭제</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation>
            <numerusform>항목 %n개 삭제</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>노드 %n개 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Disconnect {input}</source>
        <translation>{input} 연결 끊기</translation>
    </message>
    <message>
        <source>Set {input} = {value}</source>
        <translation>{input} = {value} 설정</translation>
    </message>
    <message>
        <source>Connect {source} → {input}</source>
        <translation>{source} → {input} 연결</translation>
    </message>
    <message>
        <source>Set {input}</source>
        <translation>{input} 설정</translation>
    </message>
    <message>
        <source>Set {input} to an expression</source>
        <translation>{input}에 표현식 설정</translation>
    </message>
    <message>
        <source>Move wire</source>
        <translation>연결선 이동</translation>
    </message>
    <message>
        <source>Set {name} runs after</source>
        <translation>{name}의 선행 태스크 설정</translation>
    </message>
    <message>
        <source>Rename task {old} → {new}</source>
        <translation>태스크 이름 변경 {old} → {new}</translation>
    </message>
    <message>
        <source>Set {setting} of {name}</source>
        <translation>{name}의 {setting} 설정</translation>
    </message>
    <message>
        <source>Settings of task {name}</source>
        <translation>태스크 {name} 실행 설정</translation>
    </message>
    <message>
        <source>Set pipeline {setting}</source>
        <translation>파이프라인 {setting} 설정</translation>
    </message>
    <message>
        <source>Pipeline run settings</source>
        <translation>파이프라인 실행 설정</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>{name} 편집</translation>
    </message>
    <message>
        <source>Settings of {name}</source>
        <translation>{name} 설정</translation>
    </message>
    <message>
        <source>Set {what} of {name}</source>
        <translation>{name}의 {what} 설정</translation>
    </message>
    <message>
        <source>Edit importer {name}</source>
        <translation>임포터 {name} 편집</translation>
    </message>
    <message>
        <source>Add component {name}</source>
        <translation>컴포넌트 {name} 추가</translation>
    </message>
    <message>
        <source>Remove component {name}</source>
        <translation>컴포넌트 {name} 제거</translation>
    </message>
    <message>
        <source>Add parameter {name}</source>
        <translation>파라미터 {name} 추가</translation>
    </message>
    <message>
        <source>Edit parameter {name}</source>
        <translation>파라미터 {name} 편집</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>function name</source>
        <translation>함수 이름</translation>
    </message>
    <message>
        <source>pipeline root</source>
        <translation>파이프라인 루트</translation>
    </message>
    <message>
        <source>Edit pipeline {fields}</source>
        <translation>파이프라인 {fields} 편집</translation>
    </message>
    <message>
        <source>Rename pipeline output {name} to {new}</source>
        <translation>파이프라인 출력 {name}의 이름을 {new}(으)로 변경</translation>
    </message>
    <message>
        <source>Return {name} from the pipeline</source>
        <translation>파이프라인에서 {name} 반환</translation>
    </message>
    <message>
        <source>Remove pipeline output {name}</source>
        <translation>파이프라인 출력 {name} 제거</translation>
    </message>
    <message>
        <source>Describe pipeline output {name}</source>
        <translation>파이프라인 출력 {name} 설명</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Lesson: {step}</source>
        <translation>레슨: {step}</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>조건</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>반복</translation>
    </message>
    <message>
        <source>exit handler</source>
        <translation>종료 처리기</translation>
    </message>
    <message numerus="yes">
        <source>Group %n task(s) in a {kind}</source>
        <translation>
            <numerusform>태스크 %n개를 {kind}으로 묶기</numerusform>
        </translation>
    </message>
    <message>
        <source>Ungroup {kind}</source>
        <translation>{kind} 묶음 풀기</translation>
    </message>
    <message>
        <source>Edit {kind}</source>
        <translation>{kind} 편집</translation>
    </message>
    <message>
        <source>Move {name} into the {kind}</source>
        <translation>{name}을(를) {kind} 안으로 이동</translation>
    </message>
    <message>
        <source>Move {name} out of its group</source>
        <translation>{name}을(를) 그룹 밖으로 이동</translation>
    </message>
</context>
<context>
    <name>ConnectInteraction</name>
    <message>
        <source>Drop the wire on a highlighted port (Esc cancels).</source>
        <translation>강조 표시된 포트에 연결선을 놓으세요 (Esc로 취소).</translation>
    </message>
    <message>
        <source>Release to connect to {port}.</source>
        <translation>놓으면 {port}에 연결합니다.</translation>
    </message>
    <message>
        <source>No wire drawn.</source>
        <translation>연결선을 그리지 않았습니다.</translation>
    </message>
    <message>
        <source>Wire unchanged.</source>
        <translation>연결선이 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Wire cancelled.</source>
        <translation>연결선 그리기를 취소했습니다.</translation>
    </message>
</context>
<context>
    <name>ContainerForm</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>인수</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>e.g. python:3.11 or alpine</source>
        <translation>예: python:3.11</translation>
    </message>
    <message>
        <source>One item a line, e.g.
sh
-c</source>
        <translation>한 줄에 한 항목</translation>
    </message>
    <message>
        <source>One item a line; insert placeholders for the ports from the menu below</source>
        <translation>한 줄에 한 항목; 포트의 자리표시자는 아래 메뉴에서 넣으세요</translation>
    </message>
    <message>
        <source>Insert placeholder ▾</source>
        <translation>자리표시자 넣기 ▾</translation>
    </message>
    <message>
        <source>Insert an input&apos;s value or file path, or an output&apos;s file path, at the cursor</source>
        <translation>입력의 값이나 파일 경로, 또는 출력의 파일 경로를 커서 위치에 넣습니다</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>타입</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>Declare an input</source>
        <translation>입력 선언</translation>
    </message>
    <message>
        <source>Remove the selected input</source>
        <translation>선택한 입력 제거</translation>
    </message>
    <message>
        <source>Declare an output</source>
        <translation>출력 선언</translation>
    </message>
    <message>
        <source>Remove the selected output</source>
        <translation>선택한 출력 제거</translation>
    </message>
    <message>
        <source>container step</source>
        <translation>컨테이너 단계</translation>
    </message>
    <message numerus="yes">
        <source>used by %n task(s)</source>
        <translation>
            <numerusform>태스크 %n개에서 사용</numerusform>
        </translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>인수</translation>
    </message>
    <message>
        <source>ports</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Value of input {name}</source>
        <translation>입력 {name}의 값</translation>
    </message>
    <message>
        <source>File path of input {name}</source>
        <translation>입력 {name}의 파일 경로</translation>
    </message>
    <message>
        <source>File path of output {name}</source>
        <translation>출력 {name}의 파일 경로</translation>
    </message>
    <message>
        <source>Declare an input or an output first</source>
        <translation>먼저 입력이나 출력을 선언하세요</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>The pipeline has no name.</source>
        <translation>파이프라인에 이름이 없습니다.</translation>
    </message>
    <message>
        <source>Task `{task}` gives both pvc_name and pvc_name_suffix: the cluster refuses to create the claim (give one).</source>
        <translation>태스크 `{task}`에 pvc_name과 pvc_name_suffix가 모두 주어졌습니다: 클러스터는 이 클레임을 만들지 않습니다 (하나만 주세요).</translation>
    </message>
    <message>
        <source>Sub-pipeline `{component}`: {error}</source>
        <translation>하위 파이프라인 `{component}`: {error}</translation>
    </message>
    <message>
        <source>Sub-pipeline `{component}` contains itself: {names}.</source>
        <translation>하위 파이프라인 `{component}`이(가) 자기 자신을 포함합니다: {names}.</translation>
    </message>
    <message>
        <source>Sub-pipeline `{component}` nests pipelines more than {depth} levels deep: {names}.</source>
        <translation>하위 파이프라인 `{component}`이(가) 파이프라인을 {depth}단계보다 깊게 중첩합니다: {names}.</translation>
    </message>
    <message>
        <source>Importer `{task}`: `{name}` is not one of kfp&apos;s artifact classes.</source>
        <translation>임포터 `{task}`: `{name}`은(는) kfp의 아티팩트 클래스가 아닙니다.</translation>
    </message>
    <message>
        <source>Parameter name `{name}` is not a valid Python identifier.</source>
        <translation>파라미터 이름 `{name}`은(는) 올바른 Python 식별자가 아닙니다.</translation>
    </message>
    <message>
        <source>Parameter `{name}` is declared twice.</source>
        <translation>파라미터 `{name}`이(가) 두 번 선언되었습니다.</translation>
    </message>
    <message>
        <source>Parameter `{name}` defaults to {value}, which is not a {kind}.</source>
        <translation>파라미터 `{name}`의 기본값 {value}은(는) {kind} 타입이 아닙니다.</translation>
    </message>
    <message>
        <source>Parameter `{name}` has no default but comes after `{other}`, which has one: Python export needs parameters with defaults last.</source>
        <translation>파라미터 `{name}`은(는) 기본값이 없는데 기본값이 있는 `{other}` 뒤에 옵니다. Python으로 내보내려면 기본값이 있는 파라미터가 뒤에 와야 합니다.</translation>
    </message>
    <message>
        <source>Task name `{name}` is not a valid Python identifier.</source>
        <translation>태스크 이름 `{name}`은(는) 올바른 Python 식별자가 아닙니다.</translation>
    </message>
    <message>
        <source>Two tasks are named `{name}`.</source>
        <translation>`{name}`(이)라는 태스크가 두 개 있습니다.</translation>
    </message>
    <message>
        <source>Two components define the function `{name}`.</source>
        <translation>두 컴포넌트가 같은 함수 `{name}`을(를) 정의합니다.</translation>
    </message>
    <message>
        <source>Component `{component}`: {error}</source>
        <translation>컴포넌트 `{component}`: {error}</translation>
    </message>
    <message>
        <source>Component `{component}`: its ports are out of date with its source.</source>
        <translation>컴포넌트 `{component}`: 포트가 소스 코드와 맞지 않습니다.</translation>
    </message>
    <message>
        <source>Task `{task}` uses a component that does not exist.</source>
        <translation>태스크 `{task}`이(가) 존재하지 않는 컴포넌트를 사용합니다.</translation>
    </message>
    <message>
        <source>Task `{task}` passes `{input}`, but `{component}` has no such input.</source>
        <translation>태스크 `{task}`이(가) `{input}`을(를) 넘기지만 `{component}`에는 그런 입력이 없습니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}`: pipeline parameter `{param}` does not exist.</source>
        <translation>태스크 `{task}`, 입력 `{input}`: 파이프라인 파라미터 `{param}`이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}` expects {expected}, but parameter `{param}` is {actual}.</source>
        <translation>태스크 `{task}`의 입력 `{input}`은(는) {expected} 타입인데 파라미터 `{param}`은(는) {actual} 타입입니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}` is wired to a task that does not exist.</source>
        <translation>태스크 `{task}`의 입력 `{input}`이(가) 존재하지 않는 태스크에 연결되어 있습니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}` is wired to output `{output}` of `{upstream}`, which it no longer has.</source>
        <translation>태스크 `{task}`의 입력 `{input}`이(가) `{upstream}`의 출력 `{output}`에 연결되어 있지만 그 출력은 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}` expects {expected}, but `{source}` is {actual}.</source>
        <translation>태스크 `{task}`의 입력 `{input}`은(는) {expected} 타입인데 `{source}`은(는) {actual} 타입입니다.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}`: KFP v1 refuses {actual} from `{source}` for {expected} (KFP v2 accepts it); make the two annotations the same.</source>
        <translation>태스크 `{task}`, 입력 `{input}`: KFP v1은 {expected} 입력에 `{source}`의 {actual} 값을 받지 않습니다 (KFP v2는 받습니다). 두 타입 어노테이션을 같게 맞추세요.</translation>
    </message>
    <message>
        <source>Task `{task}`, input `{input}` expects {expected}, not {value}.</source>
        <translation>태스크 `{task}`의 입력 `{input}`에는 {value}이(가) 아니라 {expected} 값이 필요합니다.</translation>
    </message>
    <message>
        <source>Task `{task}`: required input `{input}` has no value.</source>
        <translation>태스크 `{task}`: 필수 입력 `{input}`에 값이 없습니다.</translation>
    </message>
    <message>
        <source>Task `{task}` runs after a task that does not exist.</source>
        <translation>태스크 `{task}`이(가) 존재하지 않는 태스크 다음에 실행되도록 되어 있습니다.</translation>
    </message>
    <message>
        <source>Task `{task}` runs after itself.</source>
        <translation>태스크 `{task}`이(가) 자기 자신 다음에 실행되도록 되어 있습니다.</translation>
    </message>
    <message>
        <source>The tasks form a cycle: {names}.</source>
        <translation>태스크들이 순환을 이룹니다: {names}.</translation>
    </message>
    <message>
        <source>The pipeline has no tasks.</source>
        <translation>파이프라인에 태스크가 없습니다.</translation>
    </message>
    <message>
        <source>Parameter `{name}` is not used by any task.</source>
        <translation>파라미터 `{name}`을(를) 사용하는 태스크가 없습니다.</translation>
    </message>
    <message>
        <source>The text `{text}` has a lone surrogate (U+{code}), which no file can hold.</source>
        <translation>텍스트 `{text}`에 짝이 없는 서로게이트(U+{code})가 있어 어떤 파일에도 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>The value {value} is an integer of more than {digits} digits, which no file or compiler can hold.</source>
        <translation>값 {value}은(는) {digits}자리를 넘는 정수라서 파일에 저장하거나 컴파일할 수 없습니다.</translation>
    </message>
    <message>
        <source>The value {value} is nested more than {depth} levels deep.</source>
        <translation>값 {value}의 중첩이 {depth}단계보다 깊습니다.</translation>
    </message>
    <message>
        <source>The value {value} is a {type}: use a list.</source>
        <translation>값 {value}은(는) {type}입니다: 리스트를 사용하세요.</translation>
    </message>
    <message>
        <source>The value {value} is a {type}, which is not a JSON-like value.</source>
        <translation>값 {value}은(는) {type}(으)로, JSON 형식의 값이 아닙니다.</translation>
    </message>
    <message>
        <source>The value {value} has a key of type {type}.</source>
        <translation>값 {value}에 {type} 타입의 키가 있습니다.</translation>
    </message>
    <message>
        <source>The type of parameter `{name}`, `{type}`, is not a Python expression.</source>
        <translation>파라미터 `{name}`의 타입 `{type}`은(는) Python 식이 아닙니다.</translation>
    </message>
    <message>
        <source>Component `{component}` has an empty container image: name one.</source>
        <translation>컴포넌트 `{component}`의 컨테이너 이미지가 비어 있습니다. 이미지를 지정하세요.</translation>
    </message>
    <message>
        <source>Component `{component}` has an empty base image: name one or leave it unset for kfp&apos;s default.</source>
        <translation>컴포넌트 `{component}`의 베이스 이미지가 비어 있습니다. 이미지를 지정하거나, kfp 기본값을 쓰려면 설정하지 마세요.</translation>
    </message>
    <message>
        <source>The type of parameter `{name}` is nested more than {depth} levels deep.</source>
        <translation>파라미터 `{name}`의 타입 중첩이 {depth}단계보다 깊습니다.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Read-only file</source>
        <translation>읽기 전용 파일</translation>
    </message>
    <message>
        <source>“{name}” is read-only. Replace it anyway?</source>
        <translation>“{name}”은(는) 읽기 전용입니다. 그래도 바꾸시겠습니까?</translation>
    </message>
    <message>
        <source>The new file keeps the read-only permissions.</source>
        <translation>새 파일도 읽기 전용 권한을 유지합니다.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Save the changes to “{name}” before closing?</source>
        <translation>닫기 전에 “{name}”의 변경 사항을 저장할까요?</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>저장하지 않으면 변경 사항이 사라집니다.</translation>
    </message>
    <message>
        <source>Open Pipeline</source>
        <translation>파이프라인 열기</translation>
    </message>
    <message>
        <source>Pipelines</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>Designer projects</source>
        <translation>디자이너 프로젝트</translation>
    </message>
    <message>
        <source>kfp Python</source>
        <translation>kfp Python 파일</translation>
    </message>
    <message>
        <source>Compiled pipelines (KFP YAML)</source>
        <translation>컴파일된 파이프라인 (KFP YAML)</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>모든 파일</translation>
    </message>
    <message>
        <source>Add a Folder of Components</source>
        <translation>컴포넌트 폴더 추가</translation>
    </message>
    <message>
        <source>Add a Component File</source>
        <translation>컴포넌트 파일 추가</translation>
    </message>
    <message>
        <source>Component YAML</source>
        <translation>컴포넌트 YAML</translation>
    </message>
    <message>
        <source>Use a Pipeline as a Step</source>
        <translation>파이프라인을 한 단계로 사용</translation>
    </message>
    <message>
        <source>Choose a Pipeline</source>
        <translation>파이프라인 선택</translation>
    </message>
    <message>
        <source>The file has several pipelines:</source>
        <translation>이 파일에는 파이프라인이 여러 개 있습니다:</translation>
    </message>
    <message>
        <source>`{text}` is not a literal value</source>
        <translation>`{text}`은(는) 리터럴 값이 아닙니다</translation>
    </message>
    <message>
        <source>`{name}` is not a valid Python name.</source>
        <translation>`{name}`은(는) 올바른 Python 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>There is already a parameter `{name}`.</source>
        <translation>파라미터 `{name}`이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>The default {value} is not a {kind}.</source>
        <translation>기본값 {value}은(는) {kind} 타입이 아닙니다.</translation>
    </message>
    <message>
        <source>Folder of Lessons</source>
        <translation>레슨 폴더</translation>
    </message>
</context>
<context>
    <name>EndpointsDialog</name>
    <message>
        <source>Kubeflow endpoints</source>
        <translation>Kubeflow 엔드포인트</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>empty: single-user install</source>
        <translation>비워 두면 단일 사용자 설치</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 토큰</translation>
    </message>
    <message>
        <source>Token from a command</source>
        <translation>명령이 출력하는 토큰</translation>
    </message>
    <message>
        <source>Session cookie (Dex / OIDC)</source>
        <translation>세션 쿠키 (Dex / OIDC)</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>시스템 키링에 기억</translation>
    </message>
    <message>
        <source>No system keyring is usable here: the secret is kept for this session only</source>
        <translation>여기서는 시스템 키링을 쓸 수 없습니다. 비밀 값은 이번 세션에만 보관됩니다.</translation>
    </message>
    <message>
        <source>Verify the server&apos;s TLS certificate</source>
        <translation>서버의 TLS 인증서 확인</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>시스템 인증서</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>default: the URL</source>
        <translation>기본값: URL</translation>
    </message>
    <message>
        <source>The KFP UI&apos;s address, when the URL above is the API server: run links and task logs come from the UI</source>
        <translation>위 URL이 API 서버일 때 사용할 KFP UI 주소입니다. 실행 링크와 태스크 로그는 UI에서 가져옵니다.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>인증</translation>
    </message>
    <message>
        <source>Token or cookie</source>
        <translation>토큰 또는 쿠키</translation>
    </message>
    <message>
        <source>Token command</source>
        <translation>토큰 명령</translation>
    </message>
    <message>
        <source>Cookie name</source>
        <translation>쿠키 이름</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 파일</translation>
    </message>
    <message>
        <source>KFP UI (links, logs)</source>
        <translation>KFP UI (링크, 로그)</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>연결 테스트</translation>
    </message>
    <message>
        <source>kept (type to replace)</source>
        <translation>보관됨 (입력하면 바뀝니다)</translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation>아직 테스트하지 않음</translation>
    </message>
    <message>
        <source>another endpoint has this name</source>
        <translation>같은 이름의 엔드포인트가 이미 있습니다</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 인증서 파일</translation>
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation>{url}에 연결하는 중…</translation>
    </message>
    <message>
        <source>Connected: {summary}</source>
        <translation>연결됨: {summary}</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Internal error</source>
        <translation>내부 오류</translation>
    </message>
    <message>
        <source>The details were written to {path}.</source>
        <translation>자세한 내용은 {path}에 기록되었습니다.</translation>
    </message>
    <message>
        <source>The details could not be written to a log file.</source>
        <translation>자세한 내용을 로그 파일에 기록하지 못했습니다.</translation>
    </message>
    <message>
        <source>The designer is still running and your pipeline is still open: save it (File ▸ Save As… keeps the original) to be safe. </source>
        <translation>디자이너는 계속 실행 중이며 파이프라인도 열려 있습니다. 만일을 위해 저장하세요(파일 ▸ 다른 이름으로 저장…은 원본을 그대로 둡니다). </translation>
    </message>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy what failed and the traceback, to paste in a bug report</source>
        <translation>실패한 내용과 트레이스백을 복사합니다(버그 보고에 붙여 넣기용)</translation>
    </message>
    <message>
        <source>Something went wrong inside the designer.</source>
        <translation>디자이너 내부에서 문제가 발생했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) inside the designer.</source>
        <translation>
            <numerusform>디자이너 내부 오류 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>복사됨</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>Task {task}: a use of the component {component} in the pipeline&apos;s graph. Each task becomes one step that runs in its own container.</source>
        <translation>태스크 {task}: 파이프라인 그래프에서 컴포넌트 {component}을(를) 한 번 사용하는 것입니다. 태스크마다 자기 컨테이너에서 실행되는 단계가 하나씩 생깁니다.</translation>
    </message>
    <message>
        <source>Dependencies, derived from data flow: {task} uses outputs of {upstreams}, so it starts after they finish. Nobody writes this list: the wires on the canvas make it.</source>
        <translation>의존성, 데이터 흐름에서 나옴: {task}은(는) {upstreams}의 출력을 사용하므로 그 태스크들이 끝난 뒤에 시작합니다. 이 목록은 누가 적는 것이 아니라 캔버스의 연결선이 만듭니다.</translation>
    </message>
    <message>
        <source>Dependencies: {task} runs after {after} because of `.after()` (the task&apos;s &quot;Runs after&quot; setting), not because of data.</source>
        <translation>의존성: {task}은(는) 데이터 때문이 아니라 `.after()`(태스크의 &quot;선행 태스크&quot; 설정) 때문에 {after} 다음에 실행됩니다.</translation>
    </message>
    <message>
        <source>Dependencies: {task} uses outputs of {upstreams} (data flow) and runs after {after} (`.after()`), so it starts after all of them.</source>
        <translation>의존성: {task}은(는) {upstreams}의 출력을 사용하고(데이터 흐름) {after} 다음에 실행되므로(`.after()`) 이 모두가 끝난 뒤에 시작합니다.</translation>
    </message>
    <message>
        <source>The input {input} of {task} gets {source}.</source>
        <translation>{task}의 입력 {input}은(는) {source}을(를) 받습니다.</translation>
    </message>
    <message>
        <source>The interface of {component} as this task uses it: its inputs and outputs with their types. One block per task (a reused component gets a `-2` name).</source>
        <translation>이 태스크가 사용하는 {component}의 인터페이스: 입력과 출력, 그리고 그 타입입니다. 태스크마다 블록이 하나씩 있습니다(다시 사용한 컴포넌트는 `-2`가 붙은 이름을 받습니다).</translation>
    </message>
    <message>
        <source>How {component} runs for {task}: the container image, the command and the component&apos;s Python code, which the KFP launcher executes.</source>
        <translation>{task}에서 {component}을(를) 실행하는 방법: 컨테이너 이미지, 명령, 그리고 KFP 런처가 실행하는 컴포넌트의 Python 코드입니다.</translation>
    </message>
    <message>
        <source>The container of {task}&apos;s step: image, command and arguments. The component&apos;s Python function is embedded in it; its inputs arrive as command-line arguments.</source>
        <translation>{task} 단계의 컨테이너: 이미지, 명령, 인자입니다. 컴포넌트의 Python 함수가 그 안에 들어 있고, 입력은 명령줄 인자로 전달됩니다.</translation>
    </message>
    <message>
        <source>The pipeline parameter {param}: a value given when a run starts (the parameter node {param} on the canvas).</source>
        <translation>파이프라인 파라미터 {param}: 실행을 시작할 때 정하는 값입니다(캔버스의 파라미터 노드 {param}).</translation>
    </message>
    <message>
        <source>Caching: when a task&apos;s component and inputs are the same as in an earlier run, Kubeflow reuses that run&apos;s outputs instead of running it again.</source>
        <translation>캐시: 태스크의 컴포넌트와 입력이 이전 실행과 같으면 Kubeflow는 다시 실행하지 않고 그 실행의 출력을 재사용합니다.</translation>
    </message>
    <message>
        <source>KFP v1 compiles a pipeline into an Argo Workflow: a Kubernetes resource Argo runs.</source>
        <translation>KFP v1은 파이프라인을 Argo Workflow로 컴파일합니다. Argo가 실행하는 Kubernetes 리소스입니다.</translation>
    </message>
    <message>
        <source>The workflow&apos;s name prefix and kfp&apos;s annotations: the pipeline&apos;s name, its parameters and the SDK version.</source>
        <translation>워크플로 이름의 접두사와 kfp의 어노테이션: 파이프라인 이름, 파라미터, SDK 버전입니다.</translation>
    </message>
    <message>
        <source>The template the workflow starts with: the pipeline&apos;s DAG of tasks.</source>
        <translation>워크플로가 시작하는 템플릿: 태스크들로 이루어진 파이프라인의 DAG입니다.</translation>
    </message>
    <message>
        <source>What {task} gets: {arguments}. Argo passes each value to the step as a parameter.</source>
        <translation>{task}이(가) 받는 값: {arguments}. Argo는 각 값을 파라미터로 단계에 전달합니다.</translation>
    </message>
    <message>
        <source>The pipeline&apos;s DAG: one entry per task.</source>
        <translation>파이프라인의 DAG: 태스크마다 항목이 하나씩 있습니다.</translation>
    </message>
    <message>
        <source>The image {task}&apos;s container runs: the component&apos;s base image (Properties ▸ Base image).</source>
        <translation>{task}의 컨테이너가 실행하는 이미지: 컴포넌트의 베이스 이미지입니다(속성 ▸ 베이스 이미지).</translation>
    </message>
    <message>
        <source>The outputs of {task}: files its program writes, which Argo reads back as values (parameters) and keeps as artifacts.</source>
        <translation>{task}의 출력: 프로그램이 쓰는 파일이며, Argo가 값(파라미터)으로 다시 읽고 아티팩트로 보관합니다.</translation>
    </message>
    <message>
        <source>The inputs this template takes: one parameter per value it receives.</source>
        <translation>이 템플릿이 받는 입력: 받는 값마다 파라미터가 하나씩 있습니다.</translation>
    </message>
    <message>
        <source>The template of {task}: the step Argo runs for it, from the component {component}.</source>
        <translation>{task}의 템플릿: 컴포넌트 {component}에서 만들어진, Argo가 이 태스크를 위해 실행하는 단계입니다.</translation>
    </message>
    <message>
        <source>The workflow&apos;s specification: its templates and arguments.</source>
        <translation>워크플로의 명세: 템플릿과 인자입니다.</translation>
    </message>
    <message>
        <source>The components the tasks use: one block per task, with its inputs and outputs.</source>
        <translation>태스크들이 사용하는 컴포넌트: 태스크마다 입력과 출력을 적은 블록이 하나씩 있습니다.</translation>
    </message>
    <message>
        <source>Which component block {task} runs: {component}.</source>
        <translation>{task}이(가) 실행하는 컴포넌트 블록: {component}.</translation>
    </message>
    <message>
        <source>The pipeline&apos;s root: its DAG of tasks and its parameters.</source>
        <translation>파이프라인의 루트: 태스크들의 DAG와 파라미터입니다.</translation>
    </message>
    <message>
        <source>The pipeline&apos;s name.</source>
        <translation>파이프라인 이름입니다.</translation>
    </message>
    <message>
        <source>Where a run keeps its artifacts unless the run says otherwise: the pipeline root (Pipeline ▸ Pipeline root).</source>
        <translation>실행이 따로 정하지 않으면 아티팩트를 두는 곳: 파이프라인 루트(파이프라인 ▸ 파이프라인 루트).</translation>
    </message>
    <message>
        <source>The version of the PipelineSpec format (KFP v2&apos;s compiled form).</source>
        <translation>PipelineSpec 형식(KFP v2의 컴파일 결과)의 버전입니다.</translation>
    </message>
    <message>
        <source>The kfp SDK version this YAML matches.</source>
        <translation>이 YAML에 해당하는 kfp SDK 버전입니다.</translation>
    </message>
    <message>
        <source>The pipeline root: kfp 1.8.9 passes it as this extra parameter, `pipeline-root` (Pipeline ▸ Pipeline root).</source>
        <translation>파이프라인 루트: kfp 1.8.9는 이것을 추가 파라미터 `pipeline-root`로 넘깁니다(파이프라인 ▸ 파이프라인 루트).</translation>
    </message>
    <message>
        <source>Part of the pipeline {component}, which task {task} runs: kfp copies the components and executors of a pipeline used as a step into this file, renamed -2, -3… where the name is taken.</source>
        <translation>태스크 {task}이(가) 실행하는 파이프라인 {component}의 일부입니다: kfp는 한 단계로 쓰인 파이프라인의 컴포넌트와 실행기(executor)를 이 파일로 복사하고, 이름이 이미 있으면 -2, -3… 으로 바꿉니다.</translation>
    </message>
    <message>
        <source>A comment kfp writes at the top: the pipeline&apos;s name and parameters. Kubeflow ignores it.</source>
        <translation>kfp가 맨 위에 적는 주석: 파이프라인 이름과 파라미터입니다. Kubeflow는 이 주석을 무시합니다.</translation>
    </message>
    <message>
        <source>Part of the compiled pipeline.</source>
        <translation>컴파일된 파이프라인의 일부입니다.</translation>
    </message>
    <message>
        <source>the pipeline parameter {param}</source>
        <translation>파이프라인 파라미터 {param}</translation>
    </message>
    <message>
        <source>the output {output} of {task}</source>
        <translation>{task}의 출력 {output}</translation>
    </message>
    <message>
        <source>the constant {value}</source>
        <translation>상수 {value}</translation>
    </message>
    <message>
        <source>outputs of {tasks}</source>
        <translation>{tasks}의 출력</translation>
    </message>
    <message>
        <source>a value computed when the run starts ({kind})</source>
        <translation>실행을 시작할 때 계산되는 값({kind})</translation>
    </message>
</context>
<context>
    <name>ExplainTips</name>
    <message>
        <source>Reading the YAML…</source>
        <translation>YAML을 읽는 중…</translation>
    </message>
    <message>
        <source>Made by the parameter {name}: click to select it.</source>
        <translation>파라미터 {name}이(가) 만든 줄입니다. 클릭하면 선택됩니다.</translation>
    </message>
    <message>
        <source>Made by the task {name}: click to select it.</source>
        <translation>태스크 {name}이(가) 만든 줄입니다. 클릭하면 선택됩니다.</translation>
    </message>
    <message>
        <source>F1: the Kubeflow concept behind it.</source>
        <translation>F1: 이 줄 뒤의 Kubeflow 개념을 봅니다.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>{name} (example)</source>
        <translation>{name} (예제)</translation>
    </message>
    <message>
        <source>{name} (imported)</source>
        <translation>{name} (가져옴)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>파일을 열 수 없음</translation>
    </message>
    <message>
        <source>“{name}” could not be opened.</source>
        <translation>“{name}”을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <source>Opened {name}.</source>
        <translation>{name}을(를) 열었습니다.</translation>
    </message>
    <message>
        <source>Save Pipeline</source>
        <translation>파이프라인 저장</translation>
    </message>
    <message>
        <source>Designer projects</source>
        <translation>디자이너 프로젝트</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>저장할 수 없음</translation>
    </message>
    <message>
        <source>“{path}” could not be written.</source>
        <translation>“{path}”에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Opened {name}, which is not exactly what kfp writes ({count} difference(s); saving or compiling writes kfp&apos;s form): {first}</source>
        <translation>{name}을(를) 열었습니다. kfp가 쓰는 내용과 정확히 같지 않습니다(차이 {count}개, 저장하거나 컴파일하면 kfp의 형식으로 씁니다): {first}</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name}을(를) 저장했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 외 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export {what}</source>
        <translation>{what}(으)로 내보낼 수 없음</translation>
    </message>
    <message>
        <source>Fix these problems first:</source>
        <translation>먼저 다음 문제를 해결하세요:</translation>
    </message>
    <message>
        <source>Export KFP {target} YAML</source>
        <translation>KFP {target} YAML로 내보내기</translation>
    </message>
    <message>
        <source>Cannot export YAML</source>
        <translation>YAML로 내보낼 수 없음</translation>
    </message>
    <message>
        <source>The compiler refused the pipeline.</source>
        <translation>컴파일러가 파이프라인을 거부했습니다.</translation>
    </message>
    <message>
        <source>Export kfp {target} Python</source>
        <translation>kfp {target} Python으로 내보내기</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없음</translation>
    </message>
    <message>
        <source>Exported {name}.</source>
        <translation>{name}(으)로 내보냈습니다.</translation>
    </message>
</context>
<context>
    <name>FoldingSection</name>
    <message numerus="yes">
        <source>%n set</source>
        <translation>
            <numerusform>%n개 설정됨</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupActions</name>
    <message>
        <source>Select a group&apos;s frame to ungroup it.</source>
        <translation>묶음을 풀려면 그룹의 틀을 선택하세요.</translation>
    </message>
    <message>
        <source>Drop the loop&apos;s item on an input of a task inside the loop (Esc cancels).</source>
        <translation>반복의 항목을 반복 안에 있는 태스크의 입력에 놓으세요 (Esc로 취소).</translation>
    </message>
    <message>
        <source>No wire drawn.</source>
        <translation>연결선을 그리지 않았습니다.</translation>
    </message>
    <message>
        <source>Only tasks inside the loop can read its item.</source>
        <translation>반복 안의 태스크만 그 항목을 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Group in Condition…</source>
        <translation>조건으로 묶기…</translation>
    </message>
    <message>
        <source>Group in Loop…</source>
        <translation>반복으로 묶기…</translation>
    </message>
    <message>
        <source>Wrap in Exit Handler…</source>
        <translation>종료 처리기로 감싸기…</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>묶음 풀기</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Group in Condition</source>
        <translation>조건으로 묶기</translation>
    </message>
    <message>
        <source>Group in Loop</source>
        <translation>반복으로 묶기</translation>
    </message>
    <message>
        <source>Wrap in Exit Handler</source>
        <translation>종료 처리기로 감싸기</translation>
    </message>
</context>
<context>
    <name>GroupForm</name>
    <message>
        <source>Left</source>
        <translation>왼쪽</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>연산자</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>오른쪽</translation>
    </message>
    <message>
        <source>A list such as [1, 2, 3] or [{&apos;a&apos;: 1}], or a parameter or output holding one</source>
        <translation>[1, 2, 3]이나 [{&apos;a&apos;: 1}] 같은 목록, 또는 목록을 담은 파라미터나 출력</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>At a time</source>
        <translation>동시 실행 수</translation>
    </message>
    <message>
        <source>Exit task</source>
        <translation>종료 태스크</translation>
    </message>
    <message>
        <source>Give both sides of the condition.</source>
        <translation>조건의 양쪽을 모두 입력하세요.</translation>
    </message>
    <message>
        <source>A condition compares strings, numbers and booleans, not lists or dicts.</source>
        <translation>조건은 문자열, 숫자, 불리언을 비교합니다. 리스트나 딕셔너리는 비교할 수 없습니다.</translation>
    </message>
    <message>
        <source>Loop items must be a list, or a parameter or output.</source>
        <translation>반복 항목은 목록이거나 파라미터 또는 출력이어야 합니다.</translation>
    </message>
    <message>
        <source>The list of items is empty.</source>
        <translation>항목 목록이 비어 있습니다.</translation>
    </message>
    <message>
        <source>Add a task to run on exit first: it must be outside every group.</source>
        <translation>종료 시 실행할 태스크를 먼저 추가하세요. 그 태스크는 어느 그룹에도 속하지 않아야 합니다.</translation>
    </message>
</context>
<context>
    <name>GroupFrame</name>
    <message>
        <source>else</source>
        <translation>else</translation>
    </message>
    <message>
        <source>elif {condition}</source>
        <translation>elif {condition}</translation>
    </message>
    <message>
        <source>if {condition}</source>
        <translation>if {condition}</translation>
    </message>
    <message>
        <source>for each item in {items}</source>
        <translation>{items}의 각 item마다</translation>
    </message>
    <message>
        <source>, {n} at a time</source>
        <translation>, 동시에 {n}개</translation>
    </message>
    <message>
        <source>exit handler: {task}</source>
        <translation>종료 처리기: {task}</translation>
    </message>
    <message>
        <source>The loop&apos;s current item → {input}</source>
        <translation>반복의 현재 항목 → {input}</translation>
    </message>
</context>
<context>
    <name>GroupProperties</name>
    <message>
        <source>Condition</source>
        <translation>조건</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>반복</translation>
    </message>
    <message>
        <source>Exit handler</source>
        <translation>종료 처리기</translation>
    </message>
    <message>
        <source>{kind}: its tasks run when no branch before it ran.</source>
        <translation>{kind}: 앞의 분기가 하나도 실행되지 않았을 때 안의 태스크가 실행됩니다.</translation>
    </message>
    <message>
        <source>{kind}: its tasks run only when the test holds.</source>
        <translation>{kind}: 조건이 참일 때만 안의 태스크가 실행됩니다.</translation>
    </message>
    <message>
        <source>{kind}: its tasks run once for each item.</source>
        <translation>{kind}: 항목마다 안의 태스크가 한 번씩 실행됩니다.</translation>
    </message>
    <message>
        <source>{kind}: the exit task runs when its tasks end, whatever happened.</source>
        <translation>{kind}: 안의 태스크가 끝나면 결과와 상관없이 종료 태스크가 실행됩니다.</translation>
    </message>
</context>
<context>
    <name>Grouping</name>
    <message>
        <source>Select the tasks to group first.</source>
        <translation>묶을 태스크를 먼저 선택하세요.</translation>
    </message>
    <message>
        <source>The selected tasks are in different groups: select tasks of one group.</source>
        <translation>선택한 태스크들이 서로 다른 그룹에 있습니다. 한 그룹의 태스크만 선택하세요.</translation>
    </message>
    <message>
        <source>The exit task `{task}` cannot be inside the group it cleans up after.</source>
        <translation>종료 태스크 `{task}`은(는) 자신이 뒷정리하는 그룹 안에 있을 수 없습니다.</translation>
    </message>
    <message>
        <source>An exit handler must be at the top of the pipeline, not inside a group.</source>
        <translation>종료 처리기는 그룹 안이 아니라 파이프라인의 최상위에 있어야 합니다.</translation>
    </message>
</context>
<context>
    <name>HelpController</name>
    <message>
        <source>the frame “{title}”</source>
        <translation>“{title}” 프레임</translation>
    </message>
    <message>
        <source>Kubeflow &amp;Concepts</source>
        <translation>Kubeflow 개념(&amp;C)</translation>
    </message>
    <message>
        <source>What components, tasks, parameters and outputs are, in short pages</source>
        <translation>컴포넌트, 태스크, 파라미터, 출력이 무엇인지 짧은 페이지로 설명합니다</translation>
    </message>
    <message>
        <source>&amp;Help on This</source>
        <translation>이 항목 도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Explain what is under the mouse or selected (F1)</source>
        <translation>마우스 아래에 있거나 선택한 항목을 설명합니다 (F1)</translation>
    </message>
    <message>
        <source>What&apos;s &amp;This?</source>
        <translation>이것은 무엇인가요?(&amp;T)</translation>
    </message>
    <message>
        <source>Click on a node, port, wire, field or YAML line to have it explained (Shift+F1)</source>
        <translation>노드, 포트, 연결선, 입력란, YAML 줄을 클릭하면 설명합니다 (Shift+F1)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Concept &amp;Pages</source>
        <translation>개념 페이지(&amp;P)</translation>
    </message>
    <message>
        <source>Click on what you want explained (Escape cancels).</source>
        <translation>설명을 볼 항목을 클릭하십시오(Esc로 취소).</translation>
    </message>
    <message>
        <source>the task {name}</source>
        <translation>태스크 {name}</translation>
    </message>
    <message>
        <source>the parameter {name}</source>
        <translation>파라미터 {name}</translation>
    </message>
    <message>
        <source>the input {input} of {task}</source>
        <translation>{task}의 입력 {input}</translation>
    </message>
    <message>
        <source>the output {output} of {task}</source>
        <translation>{task}의 출력 {output}</translation>
    </message>
    <message>
        <source>{task} runs after {other}</source>
        <translation>{other} 다음에 실행되는 {task}</translation>
    </message>
    <message>
        <source>the wire from {source} to {task}.{input}</source>
        <translation>{source}에서 {task}.{input}(으)로 가는 연결선</translation>
    </message>
    <message>
        <source>the component {name}</source>
        <translation>컴포넌트 {name}</translation>
    </message>
    <message>
        <source>what {task} runs after</source>
        <translation>{task}의 선행 태스크</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Kubeflow Concepts</source>
        <translation>Kubeflow 개념</translation>
    </message>
    <message>
        <source>In this pipeline: {what}</source>
        <translation>이 파이프라인에서: {what}</translation>
    </message>
    <message>
        <source>KFP v1 YAML</source>
        <translation>KFP v1 YAML</translation>
    </message>
    <message>
        <source>KFP v2 YAML</source>
        <translation>KFP v2 YAML</translation>
    </message>
    <message>
        <source>Python (kfp 2.x)</source>
        <translation>Python (kfp 2.x)</translation>
    </message>
    <message>
        <source>{target}, lines {first}–{last}</source>
        <translation>{target}, {first}–{last}행</translation>
    </message>
    <message>
        <source>{target}, line {first}</source>
        <translation>{target}, {first}행</translation>
    </message>
    <message>
        <source>See also: {links}</source>
        <translation>함께 보기: {links}</translation>
    </message>
</context>
<context>
    <name>ImporterForm</name>
    <message>
        <source>Artifact class</source>
        <translation>아티팩트 클래스</translation>
    </message>
    <message>
        <source>The kind of artifact the URI holds (kfp&apos;s artifact classes); the output port takes its type</source>
        <translation>URI가 가리키는 아티팩트의 종류(kfp의 아티팩트 클래스)입니다. 출력 포트가 이 타입을 가집니다</translation>
    </message>
    <message>
        <source>Reimport</source>
        <translation>다시 가져오기</translation>
    </message>
    <message>
        <source>On every run</source>
        <translation>실행할 때마다</translation>
    </message>
    <message>
        <source>kfp&apos;s reimport: a new artifact in ML Metadata on every run instead of reusing the one already imported from this URI</source>
        <translation>kfp의 reimport: 이 URI에서 이미 가져온 아티팩트를 다시 쓰지 않고 실행할 때마다 ML Metadata에 새 아티팩트를 만듭니다</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>메타데이터</translation>
    </message>
    <message>
        <source>e.g. {&quot;source&quot;: &quot;lab&quot;, &quot;rows&quot;: 100}</source>
        <translation>예: {&quot;source&quot;: &quot;lab&quot;, &quot;rows&quot;: 100}</translation>
    </message>
    <message>
        <source>Properties of the artifact, as a JSON object (constants only)</source>
        <translation>아티팩트의 속성, JSON 객체로(상수만)</translation>
    </message>
    <message>
        <source>Not JSON: {reason}</source>
        <translation>JSON이 아닙니다: {reason}</translation>
    </message>
    <message>
        <source>The metadata must be a JSON object: {...}</source>
        <translation>메타데이터는 JSON 객체여야 합니다: {...}</translation>
    </message>
    <message>
        <source>The metadata holds a value no file can hold.</source>
        <translation>메타데이터에 어떤 파일에도 담을 수 없는 값이 있습니다.</translation>
    </message>
</context>
<context>
    <name>KubeflowDialogs</name>
    <message>
        <source>What the endpoint runs</source>
        <translation>엔드포인트가 실행하는 형식</translation>
    </message>
    <message>
        <source>KFP v2 (PipelineSpec)</source>
        <translation>KFP v2 (PipelineSpec)</translation>
    </message>
    <message>
        <source>KFP v1 (Argo workflow)</source>
        <translation>KFP v1 (Argo 워크플로)</translation>
    </message>
</context>
<context>
    <name>KubeflowSecret</name>
    <message>
        <source>Kubeflow endpoint {name}</source>
        <translation>Kubeflow 엔드포인트 {name}</translation>
    </message>
    <message>
        <source>The secret for {url} ({what}):</source>
        <translation>{url}의 비밀 값({what}):</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>the folder of lessons is gone</source>
        <translation>레슨 폴더가 없습니다</translation>
    </message>
    <message>
        <source>Show me cannot do this step: {why}</source>
        <translation>이 단계는 보여 주기로 할 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>Nothing left to add: the pipeline differs from the lesson elsewhere (see the earlier steps).</source>
        <translation>더 추가할 것이 없습니다. 파이프라인이 다른 곳에서 레슨과 다릅니다(앞 단계를 확인하세요).</translation>
    </message>
    <message>
        <source>No lessons found.</source>
        <translation>레슨이 없습니다.</translation>
    </message>
    <message>
        <source>Lesson complete</source>
        <translation>레슨 완료</translation>
    </message>
    <message>
        <source>Every step is done. Pick another lesson, or Reset to do this one again.</source>
        <translation>모든 단계를 마쳤습니다. 다른 레슨을 고르거나, 처음부터를 눌러 이 레슨을 다시 하세요.</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {title}</source>
        <translation>{total}단계 중 {n}단계: {title}</translation>
    </message>
    <message>
        <source>Hint: {hint}</source>
        <translation>힌트: {hint}</translation>
    </message>
    <message>
        <source>What “{step}” added (highlighted):</source>
        <translation>“{step}” 단계에서 추가된 부분(강조 표시):</translation>
    </message>
    <message>
        <source>What each step adds to the Python and the YAML shows here.</source>
        <translation>단계마다 Python과 YAML에 추가되는 부분이 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>처음부터</translation>
    </message>
    <message>
        <source>Forget this lesson&apos;s progress and start over</source>
        <translation>이 레슨의 진행 상황을 지우고 처음부터 다시 시작합니다</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>폴더…</translation>
    </message>
    <message>
        <source>Also load the lessons of a folder (a teacher&apos;s lesson files)</source>
        <translation>폴더의 레슨(강사가 작성한 레슨 파일)도 불러옵니다</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>힌트</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>보여 주기</translation>
    </message>
    <message>
        <source>Do this step for me (one step you can undo)</source>
        <translation>이 단계를 대신 수행합니다(한 번에 실행 취소할 수 있습니다)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>레슨</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>untyped file</source>
        <translation>타입 없는 파일</translation>
    </message>
    <message>
        <source>{type} artifact</source>
        <translation>{type} 아티팩트</translation>
    </message>
    <message>
        <source>any</source>
        <translation>모든 타입</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Search components…</source>
        <translation>컴포넌트 검색…</translation>
    </message>
    <message>
        <source>Bundled components</source>
        <translation>기본 제공 컴포넌트</translation>
    </message>
    <message>
        <source>Kubernetes volumes (kfp 2)</source>
        <translation>Kubernetes 볼륨 (kfp 2)</translation>
    </message>
    <message>
        <source>In this pipeline</source>
        <translation>이 파이프라인의 컴포넌트</translation>
    </message>
    <message>
        <source>Creates a persistent volume claim; tasks mount it from their Volumes section. Local runs: a folder (this run&apos;s, or one shared across runs when named)</source>
        <translation>영구 볼륨 클레임을 만듭니다. 태스크는 볼륨 섹션에서 이를 마운트합니다. 로컬 실행: 폴더 (이 실행의 폴더, 이름이 있으면 실행 간에 공유되는 폴더)</translation>
    </message>
    <message>
        <source>New steps</source>
        <translation>새 단계</translation>
    </message>
    <message>
        <source>Container step</source>
        <translation>컨테이너 단계</translation>
    </message>
    <message>
        <source>An image run with a command and arguments; its inputs and outputs are placed in the command line. Edit it in the form of the Code pane.</source>
        <translation>명령과 인수로 실행하는 이미지입니다; 입력과 출력은 명령줄에 놓입니다. 코드 창의 양식에서 편집하세요.</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>임포터</translation>
    </message>
    <message>
        <source>Brings an artifact that already exists at a URI into the pipeline (kfp 2&apos;s dsl.importer): give the URI as its input, choose the artifact class in Properties. Local runs import local files.</source>
        <translation>URI에 이미 있는 아티팩트를 파이프라인으로 가져옵니다(kfp 2의 dsl.importer). URI를 입력으로 주고, 속성에서 아티팩트 클래스를 고르세요. 로컬 실행은 로컬 파일을 가져옵니다.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <source>Add component YAML files to the library: a folder of component.yaml files or a single file</source>
        <translation>컴포넌트 YAML 파일을 라이브러리에 추가합니다: 컴포넌트 YAML 파일이 든 폴더 또는 파일 하나</translation>
    </message>
    <message>
        <source>Add Component Folder…</source>
        <translation>컴포넌트 폴더 추가…</translation>
    </message>
    <message>
        <source>Add Component File…</source>
        <translation>컴포넌트 파일 추가…</translation>
    </message>
    <message>
        <source>Reload Component Files</source>
        <translation>컴포넌트 파일 다시 읽기</translation>
    </message>
    <message>
        <source>Use a Pipeline as a Step…</source>
        <translation>파이프라인을 한 단계로 사용…</translation>
    </message>
    <message>
        <source>Adds a task that runs the pipeline of a file (kfp 2: a sub-pipeline)</source>
        <translation>파일의 파이프라인을 실행하는 태스크를 추가합니다 (kfp 2: 하위 파이프라인)</translation>
    </message>
    <message>
        <source>Deletes a claim after the tasks that use it (connect its pvc_name to CreatePVC&apos;s name); local runs keep the folder</source>
        <translation>클레임을 사용하는 태스크가 끝난 뒤 클레임을 삭제합니다 (pvc_name을 CreatePVC의 name에 연결하세요). 로컬 실행은 폴더를 남겨 둡니다</translation>
    </message>
    <message>
        <source>pipeline of {count} tasks</source>
        <translation>태스크 {count}개로 된 파이프라인</translation>
    </message>
    <message>
        <source>Component files</source>
        <translation>컴포넌트 파일</translation>
    </message>
    <message>
        <source>Component YAML files added one by one</source>
        <translation>하나씩 추가한 컴포넌트 YAML 파일</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read (hover them)</source>
        <translation>
            <numerusform>파일 %n개를 읽을 수 없습니다 (마우스를 올려 보세요)</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from Library</source>
        <translation>라이브러리에서 제거</translation>
    </message>
</context>
<context>
    <name>LoopBadgeText</name>
    <message numerus="yes">
        <source>{done} of %n done</source>
        <translation>
            <numerusform>%n개 중 {done}개 완료</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n개 실패</numerusform>
        </translation>
    </message>
    <message>
        <source>Iterations of this loop in the run: {progress}</source>
        <translation>이번 실행에서 이 루프의 반복: {progress}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Components</source>
        <translation>컴포넌트</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>History</source>
        <translation>작업 기록</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>New empty pipeline</source>
        <translation>빈 파이프라인을 새로 만듭니다</translation>
    </message>
    <message>
        <source>New &amp;Window</source>
        <translation>새 창(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the pipeline</source>
        <translation>파이프라인을 저장합니다</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;YAML (KFP v1)…</source>
        <translation>YAML로 내보내기(&amp;Y) (KFP v1)…</translation>
    </message>
    <message>
        <source>Compile to KFP v1 YAML</source>
        <translation>KFP v1 YAML로 컴파일합니다</translation>
    </message>
    <message>
        <source>Export YAML (KFP &amp;v2)…</source>
        <translation>YAML로 내보내기(&amp;V) (KFP v2)…</translation>
    </message>
    <message>
        <source>Export &amp;Python…</source>
        <translation>Python으로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation>창 닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Group in &amp;Condition…</source>
        <translation>조건으로 묶기(&amp;C)…</translation>
    </message>
    <message>
        <source>Run the selected tasks only when a condition holds</source>
        <translation>조건이 맞을 때만 선택한 태스크를 실행합니다</translation>
    </message>
    <message>
        <source>Group in Loo&amp;p…</source>
        <translation>반복으로 묶기(&amp;P)…</translation>
    </message>
    <message>
        <source>Run the selected tasks once for each item of a list</source>
        <translation>목록의 항목마다 선택한 태스크를 한 번씩 실행합니다</translation>
    </message>
    <message>
        <source>Wrap in E&amp;xit Handler…</source>
        <translation>종료 처리기로 감싸기(&amp;X)…</translation>
    </message>
    <message>
        <source>Run a cleanup task when the selected tasks end, whatever happened</source>
        <translation>선택한 태스크가 끝나면 결과와 관계없이 정리 태스크를 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Ungroup</source>
        <translation>묶음 풀기(&amp;U)</translation>
    </message>
    <message>
        <source>Take the selected group&apos;s tasks out of it</source>
        <translation>선택한 그룹의 태스크를 그룹 밖으로 꺼냅니다</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>레슨(&amp;L)</translation>
    </message>
    <message>
        <source>Learn Kubeflow Pipelines step by step, with checks</source>
        <translation>Kubeflow Pipelines를 단계별로 확인하며 배웁니다</translation>
    </message>
    <message>
        <source>Follow the system&apos;s language</source>
        <translation>시스템 언어를 따릅니다</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>레슨</translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>{action} 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>{action} 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>Open a designer project, a kfp Python file or a compiled pipeline (YAML)</source>
        <translation>디자이너 프로젝트, kfp Python 파일 또는 컴파일된 파이프라인(YAML) 열기</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>화면에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole pipeline</source>
        <translation>파이프라인 전체를 보여 줍니다</translation>
    </message>
    <message>
        <source>Type &amp;Legend</source>
        <translation>타입 범례(&amp;L)</translation>
    </message>
    <message>
        <source>Show which colour stands for which type</source>
        <translation>어떤 색이 어떤 타입을 나타내는지 보여 줍니다</translation>
    </message>
    <message>
        <source>Add &amp;Parameter…</source>
        <translation>파라미터 추가(&amp;P)…</translation>
    </message>
    <message>
        <source>Add a pipeline parameter</source>
        <translation>파이프라인 파라미터를 추가합니다</translation>
    </message>
    <message>
        <source>Auto-&amp;layout</source>
        <translation>자동 배치(&amp;L)</translation>
    </message>
    <message>
        <source>Arrange the nodes in layers, left to right</source>
        <translation>노드를 왼쪽에서 오른쪽으로 단계별로 배치합니다</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <source>Tutorial pipeline (example_pipeline)</source>
        <translation>튜토리얼 파이프라인 (example_pipeline)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Pipeline</source>
        <translation>파이프라인(&amp;P)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Follow the system&apos;s colours</source>
        <translation>시스템 색상을 따릅니다</translation>
    </message>
    <message>
        <source>Light colours</source>
        <translation>밝은 색상</translation>
    </message>
    <message>
        <source>Dark colours</source>
        <translation>어두운 색상</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Export YAML</source>
        <translation>YAML 내보내기</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>태스크 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parameter(s)</source>
        <translation>
            <numerusform>파라미터 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>최근 파일 목록 지우기</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>no longer an output</source>
        <translation>더 이상 출력이 아님</translation>
    </message>
    <message>
        <source>no longer an input</source>
        <translation>더 이상 입력이 아님</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>실행 설정</translation>
    </message>
    <message>
        <source>last run: {value}</source>
        <translation>마지막 실행: {value}</translation>
    </message>
    <message>
        <source>any type (untyped)</source>
        <translation>모든 타입 (타입 없음)</translation>
    </message>
    <message>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>(missing component)</source>
        <translation>(없는 컴포넌트)</translation>
    </message>
    <message>
        <source>value {value}</source>
        <translation>값 {value}</translation>
    </message>
    <message>
        <source>from parameter {name}</source>
        <translation>파라미터 {name}에서 받음</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>{source}에서 받음</translation>
    </message>
    <message>
        <source>from the loop&apos;s current {item}</source>
        <translation>반복의 현재 {item}에서</translation>
    </message>
    <message>
        <source>set by an expression</source>
        <translation>표현식으로 설정됨</translation>
    </message>
    <message>
        <source>pipeline {name} · tasks: {count}</source>
        <translation>파이프라인 {name} · 태스크: {count}</translation>
    </message>
    <message>
        <source>an expression: {text}</source>
        <translation>표현식: {text}</translation>
    </message>
    <message>
        <source>untyped file (takes any type)</source>
        <translation>타입 없는 파일 (모든 타입을 받음)</translation>
    </message>
    <message>
        <source>{type} artifact</source>
        <translation>{type} 아티팩트</translation>
    </message>
    <message>
        <source>optional, default {value}</source>
        <translation>선택 사항, 기본값 {value}</translation>
    </message>
    <message>
        <source>required: connect a wire or set a value</source>
        <translation>필수: 연결선을 잇거나 값을 지정하세요</translation>
    </message>
    <message>
        <source>any</source>
        <translation>모든 타입</translation>
    </message>
    <message>
        <source>pipeline parameter, default {value}</source>
        <translation>파이프라인 파라미터, 기본값 {value}</translation>
    </message>
    <message>
        <source>pipeline parameter, required</source>
        <translation>파이프라인 파라미터, 필수</translation>
    </message>
    <message>
        <source>parameter · {type}</source>
        <translation>파라미터 · {type}</translation>
    </message>
    <message>
        <source>pipeline parameter of type {type}, default {value}</source>
        <translation>{type} 타입의 파이프라인 파라미터, 기본값 {value}</translation>
    </message>
    <message>
        <source>pipeline parameter of type {type}</source>
        <translation>{type} 타입의 파이프라인 파라미터</translation>
    </message>
    <message>
        <source>Double-click to edit.</source>
        <translation>더블클릭하면 편집합니다.</translation>
    </message>
</context>
<context>
    <name>NodeTexts</name>
    <message numerus="yes">
        <source>%n stale row(s): wires or values the function&apos;s ports no longer match (hover them)</source>
        <translation>
            <numerusform>맞지 않는 행 %n개: 함수의 포트와 더 이상 맞지 않는 연결선이나 값입니다 (마우스를 올려 확인하세요)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PanesController</name>
    <message>
        <source>Not changed: {reason}</source>
        <translation>변경하지 않음: {reason}</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Edit Parameter</source>
        <translation>파라미터 편집</translation>
    </message>
    <message>
        <source>Add Parameter</source>
        <translation>파라미터 추가</translation>
    </message>
    <message>
        <source>(untyped)</source>
        <translation>(타입 없음)</translation>
    </message>
    <message>
        <source>empty: the run must give a value</source>
        <translation>비워 두면 실행할 때 입력</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>타입</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <source>required</source>
        <translation>필수</translation>
    </message>
    <message>
        <source>empty: the default</source>
        <translation>비워 두면 기본값</translation>
    </message>
    <message>
        <source>required: this parameter has no default</source>
        <translation>필수: 이 파라미터에는 기본값이 없습니다</translation>
    </message>
</context>
<context>
    <name>PipelineForm</name>
    <message>
        <source>(untyped)</source>
        <translation>(타입 없음)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Remove this parameter (tasks that use it are flagged)</source>
        <translation>이 파라미터를 제거합니다 (사용하는 태스크에 표시됩니다)</translation>
    </message>
    <message numerus="yes">
        <source>Used by %n task input(s)</source>
        <translation>
            <numerusform>태스크 입력 %n개에서 사용</numerusform>
        </translation>
    </message>
    <message>
        <source>pipeline name</source>
        <translation>파이프라인 이름</translation>
    </message>
    <message>
        <source>What this pipeline does (optional)</source>
        <translation>이 파이프라인이 하는 일 (선택 사항)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Pipeline root</source>
        <translation>파이프라인 루트</translation>
    </message>
    <message>
        <source>the cluster&apos;s default</source>
        <translation>클러스터 기본값</translation>
    </message>
    <message>
        <source>Where runs keep their artifacts (a bucket URL); empty: the cluster&apos;s default</source>
        <translation>실행이 아티팩트를 두는 곳(버킷 URL). 비워 두면 클러스터 기본값</translation>
    </message>
    <message>
        <source>Add parameter</source>
        <translation>파라미터 추가</translation>
    </message>
    <message>
        <source>Add a pipeline parameter</source>
        <translation>파이프라인 파라미터를 추가합니다</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>실행 설정</translation>
    </message>
    <message>
        <source>Keep finished run (s)</source>
        <translation>완료된 실행 보관(초)</translation>
    </message>
    <message>
        <source>Seconds the cluster keeps a finished run&apos;s pods (TTL)</source>
        <translation>클러스터가 완료된 실행의 파드를 보관하는 시간(초, TTL)입니다.</translation>
    </message>
    <message>
        <source>Parallel tasks</source>
        <translation>동시 실행 태스크</translation>
    </message>
    <message>
        <source>At most this many tasks run at once</source>
        <translation>한 번에 최대 이만큼의 태스크가 실행됩니다.</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>제한 시간(초)</translation>
    </message>
    <message>
        <source>Seconds after which the whole run is stopped</source>
        <translation>이 시간(초)이 지나면 전체 실행이 중지됩니다.</translation>
    </message>
    <message>
        <source>Image pull secrets</source>
        <translation>이미지 풀 시크릿</translation>
    </message>
    <message>
        <source>Names of Kubernetes secrets with registry credentials, separated by commas</source>
        <translation>레지스트리 자격 증명이 담긴 Kubernetes 시크릿 이름을 쉼표로 구분해 입력합니다.</translation>
    </message>
    <message>
        <source>Default node selector</source>
        <translation>기본 노드 셀렉터</translation>
    </message>
    <message>
        <source>key=value pairs, separated by commas, for every task&apos;s pod</source>
        <translation>모든 태스크 파드에 적용할 키=값 쌍을 쉼표로 구분해 입력합니다.</translation>
    </message>
    <message>
        <source>DNS nameservers</source>
        <translation>DNS 네임서버</translation>
    </message>
    <message>
        <source>IP addresses of extra nameservers for every pod (at most 3), separated by commas. kfp 1 only</source>
        <translation>모든 파드에 추가할 네임서버의 IP 주소(최대 3개), 쉼표로 구분합니다. kfp 1 전용</translation>
    </message>
    <message>
        <source>DNS search domains</source>
        <translation>DNS 검색 도메인</translation>
    </message>
    <message>
        <source>Domains every pod&apos;s short names are looked up in, separated by commas. kfp 1 only</source>
        <translation>모든 파드의 짧은 이름을 찾을 도메인, 쉼표로 구분합니다. kfp 1 전용</translation>
    </message>
    <message>
        <source>DNS options</source>
        <translation>DNS 옵션</translation>
    </message>
    <message>
        <source>Resolver options, name or name=value, separated by commas (e.g. ndots=2, edns0). kfp 1 only</source>
        <translation>리졸버 옵션, 이름 또는 이름=값, 쉼표로 구분합니다(예: ndots=2, edns0). kfp 1 전용</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>Image pull policy</source>
        <translation>이미지 풀 정책</translation>
    </message>
    <message>
        <source>No parameters. A parameter is a value asked for when the pipeline runs.</source>
        <translation>파라미터가 없습니다. 파라미터는 파이프라인을 실행할 때 입력받는 값입니다.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>타입</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>A pipeline needs a name; kept the old one.</source>
        <translation>파이프라인에는 이름이 있어야 합니다. 이전 이름을 유지했습니다.</translation>
    </message>
    <message>
        <source>“{name}” is not a valid Python identifier</source>
        <translation>“{name}”은(는) 올바른 Python 식별자가 아닙니다</translation>
    </message>
    <message>
        <source>a parameter is already named “{name}”</source>
        <translation>“{name}”(이)라는 파라미터가 이미 있습니다</translation>
    </message>
    <message>
        <source>{problem}; the parameter keeps the name “{name}”.</source>
        <translation>{problem}. 파라미터 이름은 “{name}”(으)로 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>PipelineOutputs</name>
    <message>
        <source>Outputs (kfp 2)</source>
        <translation>출력 (kfp 2)</translation>
    </message>
    <message>
        <source>Nothing returned. Right-click a task ▸ Return from the Pipeline to return one of its outputs.</source>
        <translation>반환하는 값이 없습니다. 태스크를 마우스 오른쪽 버튼으로 클릭하고 ▸ 파이프라인에서 반환을 골라 그 출력 하나를 반환하세요.</translation>
    </message>
    <message>
        <source>What the pipeline returns: a task output each. KFP 1 pipelines return nothing. The “?” opens the Output concept page.</source>
        <translation>파이프라인이 반환하는 값입니다. 각각 태스크의 출력 하나입니다. KFP 1 파이프라인은 아무것도 반환하지 않습니다. “?”를 누르면 출력 개념 페이지가 열립니다.</translation>
    </message>
    <message>
        <source>The output&apos;s name in the compiled pipeline (a single output is called Output in kfp)</source>
        <translation>컴파일된 파이프라인에서 이 출력의 이름 (kfp에서 출력이 하나면 Output이라고 부릅니다)</translation>
    </message>
    <message>
        <source>What this output is (optional)</source>
        <translation>이 출력이 무엇인지 (선택)</translation>
    </message>
    <message>
        <source>Stop returning this output</source>
        <translation>이 출력을 더 이상 반환하지 않기</translation>
    </message>
    <message>
        <source>An output name must be a Python name (letters, digits and _, not starting with a digit).</source>
        <translation>출력 이름은 Python 이름이어야 합니다 (글자, 숫자, _; 숫자로 시작할 수 없음).</translation>
    </message>
    <message>
        <source>The pipeline already returns an output named {name}.</source>
        <translation>파이프라인이 이미 {name}(이)라는 출력을 반환합니다.</translation>
    </message>
</context>
<context>
    <name>PlacementJson</name>
    <message>
        <source>Write this as JSON: what the text form cannot say (any operator, commas in values...)</source>
        <translation>JSON으로 씁니다: 텍스트 형식으로 나타낼 수 없는 것(모든 연산자, 값 안의 쉼표 등)도 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>{what} as JSON (Ctrl+Enter or leaving the field applies it); kfp 1 and kfp 2 write the same</source>
        <translation>JSON으로 쓴 {what}(Ctrl+Enter를 누르거나 필드를 벗어나면 적용됩니다). kfp 1과 kfp 2가 같은 내용을 씁니다</translation>
    </message>
    <message>
        <source>The whole node selector as a JSON object of label names and values (kfp 2 only: add_node_selector_json)</source>
        <translation>레이블 이름과 값으로 된 JSON 객체로 쓴 노드 셀렉터 전체(kfp 2 전용: add_node_selector_json)</translation>
    </message>
    <message>
        <source>Node selector</source>
        <translation>노드 셀렉터</translation>
    </message>
    <message>
        <source>A whole Kubernetes node affinity as JSON (kfp 2 only: add_node_affinity_json)</source>
        <translation>JSON으로 쓴 Kubernetes 노드 어피니티 전체(kfp 2 전용: add_node_affinity_json)</translation>
    </message>
    <message>
        <source>Node affinity</source>
        <translation>노드 어피니티</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>This target is not available yet.</source>
        <translation>이 대상은 아직 지원하지 않습니다.</translation>
    </message>
    <message>
        <source>The compiler refused the pipeline: {reason}</source>
        <translation>컴파일러가 파이프라인을 거부했습니다: {reason}</translation>
    </message>
    <message>
        <source>The compiler failed: {error}</source>
        <translation>컴파일러 오류: {error}</translation>
    </message>
    <message>
        <source>The preview failed: {error}</source>
        <translation>미리 보기에 실패했습니다: {error}</translation>
    </message>
    <message>
        <source>Python for kfp 1.x</source>
        <translation>kfp 1.x용 Python</translation>
    </message>
    <message>
        <source>Python for kfp 2.x</source>
        <translation>kfp 2.x용 Python</translation>
    </message>
    <message>
        <source>Which kfp DSL the Python preview is written for</source>
        <translation>Python 미리 보기가 어느 kfp DSL로 작성될지 고릅니다</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Showing the last result that compiled.</source>
        <translation>마지막으로 컴파일에 성공한 결과를 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>ProblemsPane</name>
    <message>
        <source>task {name}</source>
        <translation>태스크 {name}</translation>
    </message>
    <message>
        <source>runs after</source>
        <translation>선행 태스크</translation>
    </message>
    <message>
        <source>input {name}</source>
        <translation>입력 {name}</translation>
    </message>
    <message>
        <source>component {name}</source>
        <translation>컴포넌트 {name}</translation>
    </message>
    <message>
        <source>, line {line}</source>
        <translation>, {line}행</translation>
    </message>
    <message>
        <source>parameter {name}</source>
        <translation>파라미터 {name}</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>pipeline</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>문제 없음</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; error(s)</source>
        <translation>
            <numerusform>오류 &lt;b&gt;%n&lt;/b&gt;개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; warning(s)</source>
        <translation>
            <numerusform>경고 &lt;b&gt;%n&lt;/b&gt;개</numerusform>
        </translation>
    </message>
    <message>
        <source>export is blocked until the errors are fixed</source>
        <translation>오류를 해결할 때까지 내보낼 수 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>“{name}” cannot be exported: it has %n error(s).</source>
        <translation>
            <numerusform>“{name}”을(를) 내보낼 수 없습니다: 오류가 %n개 있습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more; see the Problems list.</source>
        <translation>
            <numerusform>… 외 %n개. 문제 목록을 확인하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없음</translation>
    </message>
</context>
<context>
    <name>PropertiesPane</name>
    <message>
        <source>parameter {name}</source>
        <translation>파라미터 {name}</translation>
    </message>
    <message>
        <source>(missing task)</source>
        <translation>(없는 태스크)</translation>
    </message>
    <message>
        <source>an expression (edit it in the Python file)</source>
        <translation>표현식(Python 파일에서 편집하세요)</translation>
    </message>
    <message>
        <source>What is this? The “?” opens its Kubeflow concept page (F1 explains the field with the focus).</source>
        <translation>이것은 무엇인가요? “?”를 누르면 해당 Kubeflow 개념 페이지가 열립니다(F1은 포커스가 있는 입력란을 설명합니다).</translation>
    </message>
    <message>
        <source>Not run yet (Run ▸ Run…, F5)</source>
        <translation>아직 실행하지 않았습니다 (실행 ▸ 실행…, F5)</translation>
    </message>
    <message>
        <source>Control flow</source>
        <translation>제어 흐름</translation>
    </message>
    <message>
        <source>Select a task or a frame to see its properties.</source>
        <translation>속성을 보려면 태스크나 프레임을 선택하십시오.</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>태스크</translation>
    </message>
    <message>
        <source>The task&apos;s Python variable name</source>
        <translation>태스크의 Python 변수 이름</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>컴포넌트</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>This component takes no inputs.</source>
        <translation>이 컴포넌트에는 입력이 없습니다.</translation>
    </message>
    <message>
        <source>untyped</source>
        <translation>타입 없음</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(필수)</translation>
    </message>
    <message>
        <source>`{component}` has no input `{name}` any more</source>
        <translation>`{component}`에 더 이상 입력 `{name}`이(가) 없습니다</translation>
    </message>
    <message>
        <source>Runs after</source>
        <translation>선행 태스크</translation>
    </message>
    <message>
        <source>Order-only dependencies (.after()): run once these finish</source>
        <translation>순서만 정하는 의존성 (.after()): 이 태스크들이 끝난 뒤에 실행합니다</translation>
    </message>
    <message>
        <source>{image} (default)</source>
        <translation>{image} (기본값)</translation>
    </message>
    <message>
        <source>Container image the component runs in</source>
        <translation>컴포넌트가 실행될 컨테이너 이미지</translation>
    </message>
    <message>
        <source>Base image</source>
        <translation>베이스 이미지</translation>
    </message>
    <message>
        <source>e.g. pandas==2.1, scikit-learn</source>
        <translation>예: pandas==2.1, scikit-learn</translation>
    </message>
    <message>
        <source>pip packages installed before the function runs; separate them with commas or spaces</source>
        <translation>함수를 실행하기 전에 설치할 pip 패키지. 쉼표나 공백으로 구분합니다</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Package indexes</source>
        <translation>패키지 인덱스</translation>
    </message>
    <message>
        <source>PyPI</source>
        <translation>PyPI</translation>
    </message>
    <message>
        <source>pip index URLs, separated by commas or spaces: the first replaces PyPI, the others are searched too (kfp 2)</source>
        <translation>pip 인덱스 URL, 쉼표나 공백으로 구분: 첫 번째가 PyPI를 대신하고, 나머지도 함께 찾습니다(kfp 2)</translation>
    </message>
    <message>
        <source>kfp package</source>
        <translation>kfp 패키지</translation>
    </message>
    <message>
        <source>kfp=={version}</source>
        <translation>kfp=={version}</translation>
    </message>
    <message>
        <source>What pip installs as kfp in the container: a requirement or a URL (kfp 2)</source>
        <translation>컨테이너에서 pip이 kfp로 설치하는 것: 요구 사항 또는 URL(kfp 2)</translation>
    </message>
    <message>
        <source>Target image</source>
        <translation>대상 이미지</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>마지막 실행</translation>
    </message>
    <message>
        <source>Remove this value</source>
        <translation>이 값 제거</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <source>(missing component)</source>
        <translation>(없는 컴포넌트)</translation>
    </message>
    <message>
        <source>An expression: {{name}} is a pipeline parameter, {{task.output}} a task&apos;s output, {{run_id}}, {{job_name}}... a value the run fills in</source>
        <translation>표현식: {{name}}은 파이프라인 파라미터, {{task.output}}은 태스크의 출력, {{run_id}}, {{job_name}}... 은 실행 때 채워지는 값입니다</translation>
    </message>
    <message numerus="yes">
        <source>Shared by %n task(s): {names}</source>
        <translation>
            <numerusform>태스크 %n개가 공유: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Used by this task only</source>
        <translation>이 태스크만 사용</translation>
    </message>
    <message numerus="yes">
        <source>Pipeline {name}, %n task(s) inside: {tasks}</source>
        <translation>
            <numerusform>파이프라인 {name}, 안에 태스크 %n개: {tasks}</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} runs after this task: this would form a cycle</source>
        <translation>{name}은(는) 이 태스크 다음에 실행됩니다: 순환이 생깁니다</translation>
    </message>
    <message>
        <source>Already runs after {name}: it uses its output</source>
        <translation>이미 {name} 다음에 실행됩니다: 그 출력을 사용합니다</translation>
    </message>
    <message>
        <source>(missing task {id})</source>
        <translation>(없는 태스크 {id})</translation>
    </message>
    <message>
        <source>An image built by kfp&apos;s component build command that already holds this function and kfp: the task runs there instead of the base image (kfp 2)</source>
        <translation>kfp의 컴포넌트 빌드 명령으로 만든, 이 함수와 kfp가 이미 들어 있는 이미지: 태스크가 베이스 이미지 대신 여기서 실행됩니다(kfp 2)</translation>
    </message>
    <message>
        <source>“{name}”: no parameter, task output or run value has this name</source>
        <translation>“{name}”: 이 이름의 파라미터, 태스크 출력, 실행 값이 없습니다</translation>
    </message>
    <message>
        <source>“{name}” is not a valid Python identifier</source>
        <translation>“{name}”은(는) 올바른 Python 식별자가 아닙니다</translation>
    </message>
    <message>
        <source>another task is already named “{name}”</source>
        <translation>“{name}”(이)라는 태스크가 이미 있습니다</translation>
    </message>
</context>
<context>
    <name>RemoteWatch</name>
    <message>
        <source>Kubeflow: {message}</source>
        <translation>Kubeflow: {message}</translation>
    </message>
    <message>
        <source>Kubeflow: output parameters and cache states are not shown: {message}</source>
        <translation>Kubeflow: 출력 파라미터와 캐시 상태를 표시하지 않습니다: {message}</translation>
    </message>
    <message>
        <source>The Kubeflow run {name}: {state}.</source>
        <translation>Kubeflow 실행 {name}: {state}.</translation>
    </message>
    <message>
        <source>{state} on Kubeflow</source>
        <translation>Kubeflow에서 {state}</translation>
    </message>
    <message>
        <source>Output parameters: ML Metadata holds several executions of this task (a loop&apos;s iterations), so they are not shown.</source>
        <translation>출력 파라미터: ML Metadata에 이 태스크의 실행이 여러 개(루프의 반복) 있어 표시하지 않습니다.</translation>
    </message>
    <message>
        <source>Output parameters: not read from ML Metadata: {message}</source>
        <translation>출력 파라미터: ML Metadata에서 읽지 못했습니다: {message}</translation>
    </message>
    <message>
        <source>This task&apos;s outputs were taken from the cache: no pod ran, so there is no log.</source>
        <translation>이 태스크의 출력은 캐시에서 가져왔습니다. 실행된 파드가 없으므로 로그가 없습니다.</translation>
    </message>
    <message>
        <source>the log is not available: {message}</source>
        <translation>로그를 가져올 수 없습니다: {message}</translation>
    </message>
</context>
<context>
    <name>ReturnActions</name>
    <message>
        <source>Return from the Pipeline (kfp 2)</source>
        <translation>파이프라인에서 반환 (kfp 2)</translation>
    </message>
    <message>
        <source>This task has no output to return</source>
        <translation>이 태스크에는 반환할 출력이 없습니다</translation>
    </message>
    <message>
        <source>A task inside a condition, loop or exit handler is returned through OneOf or Collected, which only a kfp file can say</source>
        <translation>조건, 반복, 종료 처리기 안의 태스크는 OneOf나 Collected로 반환되며, 이는 kfp 파일에서만 쓸 수 있습니다</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>`{task}` has no input `{input}`.</source>
        <translation>`{task}`에는 입력 `{input}`이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Parameter `{param}` does not exist.</source>
        <translation>파라미터 `{param}`이(가) 없습니다.</translation>
    </message>
    <message>
        <source>`{source}` does not exist.</source>
        <translation>`{source}`이(가) 없습니다.</translation>
    </message>
    <message>
        <source>A task cannot feed its own input: `{task}` would run before itself.</source>
        <translation>태스크는 자기 입력에 연결할 수 없습니다: `{task}`이(가) 자기 자신보다 먼저 실행되어야 합니다.</translation>
    </message>
    <message>
        <source>Type mismatch: parameter `{param}` is {actual}, but `{target}` expects {expected}.</source>
        <translation>타입 불일치: 파라미터 `{param}`은(는) {actual} 타입인데 `{target}`에는 {expected} 타입이 필요합니다.</translation>
    </message>
    <message>
        <source>Type mismatch: `{source}` is {actual}, but `{target}` expects {expected}.</source>
        <translation>타입 불일치: `{source}`은(는) {actual} 타입인데 `{target}`에는 {expected} 타입이 필요합니다.</translation>
    </message>
    <message>
        <source>That wire would make a cycle: {names}.</source>
        <translation>이 연결선은 순환을 만듭니다: {names}.</translation>
    </message>
    <message>
        <source>Artifact type mismatch: `{source}` is a {actual} artifact, but `{target}` takes {expected} (only Artifact goes with every artifact type).</source>
        <translation>아티팩트 타입 불일치: `{source}`은(는) {actual} 아티팩트인데 `{target}`은(는) {expected}을(를) 받습니다 (모든 아티팩트 타입과 맞는 것은 Artifact뿐입니다).</translation>
    </message>
    <message>
        <source>Artifact type mismatch: `{source}` is {actual}, but `{target}` takes {expected}: a list of artifacts feeds only a list.</source>
        <translation>아티팩트 타입 불일치: `{source}`은(는) {actual}인데 `{target}`은(는) {expected}을(를) 받습니다: 아티팩트 목록은 목록에만 연결됩니다.</translation>
    </message>
    <message>
        <source>`{source}` is a {actual} artifact, but `{target}` takes a value ({expected}): artifacts and values do not mix.</source>
        <translation>`{source}`은(는) {actual} 아티팩트인데 `{target}`은(는) 값({expected})을 받습니다: 아티팩트와 값은 섞이지 않습니다.</translation>
    </message>
    <message>
        <source>`{source}` is a value ({actual}), but `{target}` takes a {expected} artifact: values and artifacts do not mix.</source>
        <translation>`{source}`은(는) 값({actual})인데 `{target}`은(는) {expected} 아티팩트를 받습니다: 값과 아티팩트는 섞이지 않습니다.</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>A run is already in progress: stop it first.</source>
        <translation>이미 실행 중입니다. 먼저 중지하세요.</translation>
    </message>
    <message>
        <source>Nothing to re-run yet: run the pipeline first.</source>
        <translation>아직 재실행할 것이 없습니다. 먼저 파이프라인을 실행하세요.</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>경고: {message}</translation>
    </message>
    <message>
        <source>cached from run {run}; its log:</source>
        <translation>실행 {run}에서 캐시됨. 그 실행의 로그:</translation>
    </message>
    <message>
        <source>installing {packages} into a cached virtual environment…</source>
        <translation>캐시된 가상 환경에 {packages} 설치 중…</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds}초</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes}분 {seconds}초</translation>
    </message>
    <message>
        <source>No run yet. Run the pipeline with F5.</source>
        <translation>아직 실행하지 않았습니다. F5로 파이프라인을 실행하세요.</translation>
    </message>
    <message>
        <source>Reuse cached results</source>
        <translation>캐시된 결과 재사용</translation>
    </message>
    <message>
        <source>Tasks whose component and inputs are unchanged since an earlier run reuse its outputs instead of running again</source>
        <translation>이전 실행 이후 컴포넌트와 입력이 바뀌지 않은 태스크는 다시 실행하지 않고 그때의 출력을 재사용합니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop the run: kill its running tasks (Shift+F5)</source>
        <translation>실행을 중지합니다: 실행 중인 태스크를 종료합니다 (Shift+F5)</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>재실행</translation>
    </message>
    <message>
        <source>Run again with the same parameter values (Ctrl+Shift+F5)</source>
        <translation>같은 파라미터 값으로 다시 실행합니다 (Ctrl+Shift+F5)</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>태스크</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Task output appears here while the run goes.</source>
        <translation>실행하는 동안 태스크 출력이 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>모든 태스크</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>실행 폴더 열기</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>실행 폴더</translation>
    </message>
    <message>
        <source>No file manager could open the run folder. Its path is copied to the clipboard:</source>
        <translation>실행 폴더를 열 수 있는 파일 관리자가 없습니다. 경로를 클립보드에 복사했습니다:</translation>
    </message>
    <message>
        <source>{index} item {item}</source>
        <translation>{index} item {item}</translation>
    </message>
    <message>
        <source>the run failed: {error}</source>
        <translation>실행 실패: {error}</translation>
    </message>
    <message>
        <source>Not run: {reason}</source>
        <translation>실행하지 못함: {reason}</translation>
    </message>
    <message>
        <source>item: {item}</source>
        <translation>item: {item}</translation>
    </message>
    <message>
        <source>(from run {run})</source>
        <translation>(실행 {run}에서 캐시됨)</translation>
    </message>
    <message numerus="yes">
        <source>Running {pipeline}: {finished} of %n task(s) done</source>
        <translation>
            <numerusform>{pipeline} 실행 중: 태스크 %n개 중 {finished}개 완료</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} {state}</source>
        <translation>{state} {count}개</translation>
    </message>
    <message>
        <source>Succeeded in {time} ({tally})</source>
        <translation>{time} 만에 성공 ({tally})</translation>
    </message>
    <message>
        <source>Failed in {time} ({tally})</source>
        <translation>{time} 만에 실패 ({tally})</translation>
    </message>
    <message>
        <source>Stopped in {time} ({tally})</source>
        <translation>{time} 만에 중지 ({tally})</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Open an output of the selected task: tables, images, Markdown, HTML and metrics are shown as KFP shows them (or double-click an output port)</source>
        <translation>선택한 태스크의 출력을 엽니다. 표, 이미지, Markdown, HTML, 지표를 KFP처럼 보여 줍니다 (출력 포트를 더블클릭해도 됩니다)</translation>
    </message>
</context>
<context>
    <name>RunParamsDialog</name>
    <message>
        <source>Run {name}</source>
        <translation>{name} 실행</translation>
    </message>
    <message>
        <source>Values of the pipeline&apos;s parameters for this local run:</source>
        <translation>이번 로컬 실행에 쓸 파이프라인 파라미터 값:</translation>
    </message>
    <message>
        <source>This pipeline has no parameters.</source>
        <translation>이 파이프라인에는 파라미터가 없습니다.</translation>
    </message>
    <message>
        <source>untyped</source>
        <translation>타입 없음</translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation>기본값: {value}</translation>
    </message>
    <message>
        <source>path of a .env file</source>
        <translation>.env 파일 경로</translation>
    </message>
    <message>
        <source>Values of the secrets and config map keys tasks read, one a line: secret/&lt;name&gt;/&lt;key&gt;=VALUE, configmap/&lt;name&gt;/&lt;key&gt;=VALUE. Read for this run only, never stored in the project.</source>
        <translation>태스크가 읽는 시크릿과 컨피그맵 키의 값을 한 줄에 하나씩 적습니다: secret/&lt;이름&gt;/&lt;키&gt;=값, configmap/&lt;이름&gt;/&lt;키&gt;=값. 이번 실행에서만 읽으며 프로젝트에는 저장하지 않습니다.</translation>
    </message>
    <message>
        <source>Secrets (env file)</source>
        <translation>시크릿(env 파일)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>기본값으로</translation>
    </message>
    <message>
        <source>Put every parameter back to its default value</source>
        <translation>모든 파라미터를 기본값으로 되돌립니다</translation>
    </message>
</context>
<context>
    <name>RunSession</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Run &amp;Panel</source>
        <translation>실행 패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>실행(&amp;R)…</translation>
    </message>
    <message>
        <source>Run the pipeline locally</source>
        <translation>파이프라인을 로컬에서 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>실행을 중지합니다</translation>
    </message>
    <message>
        <source>R&amp;e-run</source>
        <translation>재실행(&amp;E)</translation>
    </message>
    <message>
        <source>Run again with the same parameter values</source>
        <translation>같은 파라미터 값으로 다시 실행합니다</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>단계 실행(&amp;T)</translation>
    </message>
    <message>
        <source>Run one task at a time: pause before each with its input values</source>
        <translation>태스크를 하나씩 실행합니다. 태스크마다 실행 전에 멈추고 입력 값을 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>계속(&amp;C)</translation>
    </message>
    <message>
        <source>Run the rest of a paused run, pausing only at breakpoints</source>
        <translation>멈춘 실행의 나머지를 실행합니다. 중단점에서만 멈춥니다</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>중단점 설정/해제(&amp;B)</translation>
    </message>
    <message>
        <source>Pause runs before the selected task</source>
        <translation>선택한 태스크 앞에서 실행을 멈춥니다</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>Remove Breakpoint</source>
        <translation>중단점 제거</translation>
    </message>
    <message>
        <source>Add Breakpoint</source>
        <translation>중단점 추가</translation>
    </message>
    <message>
        <source>Select a task to put a breakpoint on it.</source>
        <translation>중단점을 둘 태스크를 선택하십시오.</translation>
    </message>
    <message>
        <source>A run is in progress: stop it first (Shift+F5).</source>
        <translation>실행 중입니다. 먼저 중지하세요 (Shift+F5).</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see Problems)</source>
        <translation>
            <numerusform>… 외 %n개 (문제 창 참고)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot run</source>
        <translation>실행할 수 없음</translation>
    </message>
    <message>
        <source>The pipeline has errors: fix them before running it.</source>
        <translation>파이프라인에 오류가 있습니다. 실행하기 전에 해결하세요.</translation>
    </message>
    <message>
        <source>Running {pipeline}…</source>
        <translation>{pipeline} 실행 중…</translation>
    </message>
    <message>
        <source>Paused before {task}: Step (F10) runs it, Continue (F8) runs the rest.</source>
        <translation>{task} 앞에서 멈췄습니다. 단계 실행(F10)은 이 태스크를, 계속(F8)은 나머지를 실행합니다.</translation>
    </message>
    <message>
        <source>The run succeeded in {time}.</source>
        <translation>실행이 {time} 만에 성공했습니다.</translation>
    </message>
    <message>
        <source>The run failed in {time}.</source>
        <translation>실행이 {time} 만에 실패했습니다.</translation>
    </message>
    <message>
        <source>The run was stopped in {time}.</source>
        <translation>실행을 {time} 만에 중지했습니다.</translation>
    </message>
    <message>
        <source>The run could not start.</source>
        <translation>실행을 시작하지 못했습니다.</translation>
    </message>
    <message>
        <source>{state} in {time}</source>
        <translation>{state} ({time})</translation>
    </message>
    <message>
        <source>Changed since the last run (it {was}): run again (F5) for its results.</source>
        <translation>마지막 실행 이후 변경됨(당시 {was}): 결과를 보려면 다시 실행하세요(F5).</translation>
    </message>
    <message>
        <source>No output `{output}` from the last run: run the pipeline (F5), then open its outputs.</source>
        <translation>마지막 실행에 출력 `{output}`이(가) 없습니다. 파이프라인을 실행(F5)한 뒤 출력을 여세요.</translation>
    </message>
</context>
<context>
    <name>RunStates</name>
    <message>
        <source>pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지됨</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>installing</source>
        <translation>설치 중</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>캐시됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>skipped (condition false)</source>
        <translation>건너뜀 (조건 거짓)</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>a container step needs docker or podman on the PATH to run locally; neither was found (image `{image}`). Install one, or run the pipeline on a cluster.</source>
        <translation>컨테이너 태스크를 로컬에서 실행하려면 PATH에 docker 또는 podman이 있어야 하는데, 둘 다 찾지 못했습니다 (이미지 `{image}`). 둘 중 하나를 설치하거나 파이프라인을 클러스터에서 실행하세요.</translation>
    </message>
    <message>
        <source>the importer&apos;s URI `{uri}` is remote ({scheme}://); a local run imports local files only (a path or a file:// URI). Run the pipeline on a cluster, or give a local file.</source>
        <translation>임포터의 URI `{uri}`은(는) 원격({scheme}://)입니다. 로컬 실행은 로컬 파일만 가져옵니다(경로 또는 file:// URI). 파이프라인을 클러스터에서 실행하거나 로컬 파일을 지정하세요.</translation>
    </message>
    <message>
        <source>the importer&apos;s URI `{uri}` names no file on this computer.</source>
        <translation>임포터의 URI `{uri}`에 해당하는 파일이 이 컴퓨터에 없습니다.</translation>
    </message>
    <message>
        <source>the importer&apos;s URI `{uri}` is a folder; a local run imports single files.</source>
        <translation>임포터의 URI `{uri}`은(는) 폴더입니다. 로컬 실행은 파일 하나만 가져옵니다.</translation>
    </message>
</context>
<context>
    <name>RunsDialog</name>
    <message>
        <source>Kubeflow runs of {name}</source>
        <translation>{name}의 Kubeflow 실행</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>엔드포인트</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>Open on Canvas</source>
        <translation>캔버스에서 열기</translation>
    </message>
    <message>
        <source>Open in Kubeflow</source>
        <translation>Kubeflow에서 열기</translation>
    </message>
    <message>
        <source>Listing runs…</source>
        <translation>실행 목록을 가져오는 중…</translation>
    </message>
    <message>
        <source>Listing the runs</source>
        <translation>실행 목록 가져오기</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) of this pipeline</source>
        <translation>
            <numerusform>이 파이프라인의 실행 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsRules</name>
    <message>
        <source>{sdk} refuses it: {message}</source>
        <translation>{sdk}에서 거부합니다: {message}</translation>
    </message>
    <message>
        <source>Give a whole number of {minimum} or more</source>
        <translation>{minimum} 이상의 정수를 입력하세요</translation>
    </message>
    <message>
        <source>Give a duration: a number of seconds, or a number followed by s, m or h (e.g. 30s, 5m)</source>
        <translation>시간을 입력하세요: 초 단위 숫자 또는 숫자 뒤에 s, m, h (예: 30s, 5m)</translation>
    </message>
    <message>
        <source>“{item}”: write key=value pairs separated by commas</source>
        <translation>“{item}”: 키=값 쌍을 쉼표로 구분해 입력하세요</translation>
    </message>
    <message>
        <source>“{item}”: write key[=value][:Effect][@seconds] separated by commas; the effect is NoSchedule, PreferNoSchedule or NoExecute</source>
        <translation>“{item}”: 키[=값][:Effect][@초]를 쉼표로 구분해 입력하세요. Effect는 NoSchedule, PreferNoSchedule, NoExecute 중 하나입니다</translation>
    </message>
    <message>
        <source>“{name}” is not a valid environment variable name (letters, digits, _ - . and not starting with a digit)</source>
        <translation>“{name}”은(는) 올바른 환경 변수 이름이 아닙니다(문자, 숫자, _ - . 사용, 숫자로 시작할 수 없음)</translation>
    </message>
    <message>
        <source>“{path}” is not a field Kubernetes gives a container: metadata.name, metadata.namespace, metadata.uid, metadata.labels[&apos;key&apos;], metadata.annotations[&apos;key&apos;], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP or status.podIPs</source>
        <translation>“{path}”은(는) Kubernetes가 컨테이너에 주는 필드가 아닙니다: metadata.name, metadata.namespace, metadata.uid, metadata.labels[&apos;key&apos;], metadata.annotations[&apos;key&apos;], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP 또는 status.podIPs</translation>
    </message>
    <message>
        <source>“{item}”: write [weight:] key operator [values], requirements joined by &amp;, terms separated by ; (field:key for a node field), e.g. disktype In ssd,nvme &amp; zone Exists; 5: pool In spot</source>
        <translation>“{item}”: [가중치:] 키 연산자 [값] 형식으로 쓰고, 조건은 &amp;로 잇고, 항은 ;로 구분합니다(노드 필드는 field:키). 예: disktype In ssd,nvme &amp; zone Exists; 5: pool In spot</translation>
    </message>
    <message>
        <source>Set a number of retries first</source>
        <translation>먼저 재시도 횟수를 설정하세요</translation>
    </message>
    <message>
        <source>Give the name of the secret or config map and the key to read</source>
        <translation>읽을 시크릿 또는 컨피그맵의 이름과 키를 입력하세요</translation>
    </message>
    <message>
        <source>Give a number, e.g. 2 or 1.5</source>
        <translation>숫자를 입력하세요(예: 2, 1.5)</translation>
    </message>
    <message>
        <source>Give an ISO 8601 duration: P30D, PT12H, P1DT6H (P0D: never reuse)</source>
        <translation>ISO 8601 기간을 입력하세요: P30D, PT12H, P1DT6H (P0D: 재사용 안 함)</translation>
    </message>
    <message>
        <source>Give an absolute path without “:”, e.g. /data</source>
        <translation>“:” 없이 절대 경로를 입력하세요(예: /data)</translation>
    </message>
    <message>
        <source>Another volume of this task is mounted at {path}</source>
        <translation>이 태스크의 다른 볼륨이 이미 {path}에 마운트되어 있습니다</translation>
    </message>
    <message>
        <source>“{name}” is not a valid claim name (lower-case letters, digits, - and ., starting and ending with a letter or digit)</source>
        <translation>“{name}”은(는) 올바른 클레임 이름이 아닙니다(영문 소문자, 숫자, -, . 만 쓰고 영문자나 숫자로 시작하고 끝나야 합니다)</translation>
    </message>
    <message>
        <source>“{name}” is not a valid Kubernetes name (lower-case letters, digits, - and ., starting and ending with a letter or digit)</source>
        <translation>“{name}”은(는) 올바른 Kubernetes 이름이 아닙니다(영문 소문자, 숫자, -, . 만 쓰고 영문자나 숫자로 시작하고 끝나야 합니다)</translation>
    </message>
    <message>
        <source>“{name}” is not a valid volume name (up to 63 lower-case letters, digits and -, starting and ending with a letter or digit)</source>
        <translation>“{name}”은(는) 올바른 볼륨 이름이 아닙니다(영문 소문자, 숫자, - 로 63자까지, 영문자나 숫자로 시작하고 끝나야 합니다)</translation>
    </message>
    <message>
        <source>Give a size: a number with a unit, e.g. 1Gi, 500Mi</source>
        <translation>크기를 단위와 함께 입력하세요. 예: 1Gi, 500Mi</translation>
    </message>
    <message>
        <source>Give a relative path inside the volume, without “..”</source>
        <translation>볼륨 안의 상대 경로를 “..” 없이 입력하세요</translation>
    </message>
    <message>
        <source>A claim needs at least one access mode (Kubernetes: at least 1 access mode is required)</source>
        <translation>클레임에는 접근 모드가 하나 이상 있어야 합니다 (Kubernetes: at least 1 access mode is required)</translation>
    </message>
    <message>
        <source>ReadWriteOncePod goes alone (Kubernetes: may not use ReadWriteOncePod with other access modes)</source>
        <translation>ReadWriteOncePod는 다른 접근 모드와 함께 쓸 수 없습니다 (Kubernetes: may not use ReadWriteOncePod with other access modes)</translation>
    </message>
    <message>
        <source>Not JSON: {message} (line {line}, column {column})</source>
        <translation>JSON이 아닙니다: {message} ({line}행 {column}열)</translation>
    </message>
    <message>
        <source>Not JSON: {value} is not a number JSON can hold</source>
        <translation>JSON이 아닙니다: {value}은(는) JSON이 담을 수 있는 수가 아닙니다</translation>
    </message>
    <message>
        <source>Write a JSON object in braces, e.g. {example}</source>
        <translation>중괄호로 감싼 JSON 객체를 쓰세요. 예: {example}</translation>
    </message>
    <message>
        <source>{where}: write a text in double quotes, e.g. &quot;ssd&quot;</source>
        <translation>{where}: 큰따옴표로 감싼 텍스트를 쓰세요. 예: &quot;ssd&quot;</translation>
    </message>
    <message>
        <source>{where}: Kubernetes expects {shape} here</source>
        <translation>{where}: Kubernetes는 여기에 {shape} 형태를 기대합니다</translation>
    </message>
    <message>
        <source>{where}: Kubernetes knows only {names} here</source>
        <translation>{where}: Kubernetes는 여기서 {names}만 압니다</translation>
    </message>
    <message>
        <source>{where}: the weight is a whole number from 1 to 100</source>
        <translation>{where}: 가중치는 1부터 100까지의 정수입니다</translation>
    </message>
    <message>
        <source>{where}: write a whole number of seconds</source>
        <translation>{where}: 초 단위 정수를 쓰세요</translation>
    </message>
    <message>
        <source>{where}: “{value}” is not one of {choices}</source>
        <translation>{where}: “{value}”은(는) {choices} 중 하나가 아닙니다</translation>
    </message>
    <message>
        <source>{where}: kfp reads only key, operator, value, effect and toleration_seconds; “{name}” would be dropped</source>
        <translation>{where}: kfp는 key, operator, value, effect, toleration_seconds만 읽습니다. “{name}”은(는) 버려집니다</translation>
    </message>
    <message>
        <source>{where}: with operator Exists the value must be empty (Kubernetes)</source>
        <translation>{where}: 연산자가 Exists이면 값은 비어 있어야 합니다(Kubernetes)</translation>
    </message>
    <message>
        <source>{where}: without a key the operator must be Exists (Kubernetes)</source>
        <translation>{where}: 키가 없으면 연산자는 Exists여야 합니다(Kubernetes)</translation>
    </message>
    <message>
        <source>{where}: give matchExpressions or matchFields (kfp writes a term with neither differently in each version)</source>
        <translation>{where}: matchExpressions나 matchFields를 주세요(둘 다 없는 항은 kfp 버전마다 다르게 쓰입니다)</translation>
    </message>
    <message>
        <source>“{given}”: write Kubernetes&apos; name {name} (the cluster would ignore this one)</source>
        <translation>“{given}”: Kubernetes의 이름 {name}(으)로 쓰세요(클러스터는 이 이름을 무시합니다)</translation>
    </message>
    <message>
        <source>“{item}”: write [weight:] pods @ topology key [in namespaces]: the pods as key=value or key operator [values] (In, NotIn, Exists, DoesNotExist) joined by &amp;, or * for every pod; terms separated by ;, e.g. app=cache @ kubernetes.io/hostname; 50: role In a,b @ zone in ml</source>
        <translation>“{item}”: [가중치:] 파드 @ 토폴로지 키 [in 네임스페이스] 형식으로 쓰세요. 파드는 키=값 또는 키 연산자 [값] (In, NotIn, Exists, DoesNotExist)을 &amp;로 잇고, 모든 파드는 *입니다. 항은 ;로 구분합니다. 예: app=cache @ kubernetes.io/hostname; 50: role In a,b @ zone in ml</translation>
    </message>
    <message>
        <source>“{item}”: the weight of a preferred term is a whole number from 1 to 100</source>
        <translation>“{item}”: 선호 항의 가중치는 1부터 100까지의 정수입니다</translation>
    </message>
    <message>
        <source>“{item}” is not an IP address: give each nameserver by its address, e.g. 1.2.3.4</source>
        <translation>“{item}”은(는) IP 주소가 아닙니다. 네임서버는 주소로 지정하세요. 예: 1.2.3.4</translation>
    </message>
    <message>
        <source>Kubernetes takes at most {n} nameservers</source>
        <translation>Kubernetes는 네임서버를 최대 {n}개까지 받습니다</translation>
    </message>
    <message>
        <source>“{item}” is not a domain name (lower-case letters, digits, - and dots, e.g. ml.svc.cluster.local)</source>
        <translation>“{item}”은(는) 도메인 이름이 아닙니다(소문자, 숫자, -와 점. 예: ml.svc.cluster.local)</translation>
    </message>
    <message>
        <source>“{item}”: write name or name=value, separated by commas, e.g. ndots=2, edns0</source>
        <translation>“{item}”: 이름 또는 이름=값 형식으로 쓰고 쉼표로 구분합니다. 예: ndots=2, edns0</translation>
    </message>
    <message>
        <source>“{item}”: write name=image, then the command and, after --, its arguments; sidecars separated by ;, e.g. echo=nginx:1.13 nginx -g &apos;daemon off;&apos;</source>
        <translation>“{item}”: 이름=이미지 다음에 명령을, -- 뒤에 인자를 쓰고, 사이드카는 ;로 구분합니다. 예: echo=nginx:1.13 nginx -g &apos;daemon off;&apos;</translation>
    </message>
    <message>
        <source>“{name}” is not a container name (lower-case letters, digits and -, at most 63, starting and ending with a letter or digit)</source>
        <translation>“{name}”은(는) 컨테이너 이름이 아닙니다(소문자, 숫자와 -, 최대 63자, 문자나 숫자로 시작하고 끝남)</translation>
    </message>
    <message>
        <source>Two sidecars are named “{name}”</source>
        <translation>“{name}”이라는 이름의 사이드카가 둘 있습니다</translation>
    </message>
    <message>
        <source>A quote is not closed: {error}</source>
        <translation>따옴표가 닫히지 않았습니다: {error}</translation>
    </message>
    <message>
        <source>“{name}” is not a resource name (e.g. ephemeral-storage, hugepages-2Mi, cloud-tpus.google.com/v2)</source>
        <translation>“{name}”은(는) 리소스 이름이 아닙니다(예: ephemeral-storage, hugepages-2Mi, cloud-tpus.google.com/v2)</translation>
    </message>
    <message>
        <source>“{name}” has its own field above (CPU, memory, accelerator)</source>
        <translation>“{name}”은(는) 위에 자체 필드가 있습니다(CPU, 메모리, 가속기)</translation>
    </message>
    <message>
        <source>“{value}” is not a quantity (e.g. 10Gi, 8, 500m)</source>
        <translation>“{value}”은(는) 수량이 아닙니다(예: 10Gi, 8, 500m)</translation>
    </message>
</context>
<context>
    <name>SettingsSummary</name>
    <message>
        <source>display name: {name}</source>
        <translation>표시 이름: {name}</translation>
    </message>
    <message>
        <source>caching: off</source>
        <translation>캐시: 끔</translation>
    </message>
    <message>
        <source>cache staleness: {age}</source>
        <translation>캐시 유효 기간: {age}</translation>
    </message>
    <message>
        <source>retries: {n}</source>
        <translation>재시도: {n}회</translation>
    </message>
    <message>
        <source>timeout: {seconds} s</source>
        <translation>제한 시간: {seconds}초</translation>
    </message>
    <message>
        <source>CPU request</source>
        <translation>CPU 요청</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU 제한</translation>
    </message>
    <message>
        <source>memory request</source>
        <translation>메모리 요청</translation>
    </message>
    <message>
        <source>memory limit</source>
        <translation>메모리 제한</translation>
    </message>
    <message>
        <source>accelerator</source>
        <translation>가속기</translation>
    </message>
    <message>
        <source>accelerators</source>
        <translation>가속기 수</translation>
    </message>
    <message>
        <source>secret {name}[{key}]</source>
        <translation>시크릿 {name}[{key}]</translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation> (선택)</translation>
    </message>
    <message>
        <source>config map {name}[{key}]</source>
        <translation>컨피그맵 {name}[{key}]</translation>
    </message>
    <message>
        <source>pod field {path}</source>
        <translation>파드 필드 {path}</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>node selector</source>
        <translation>노드 셀렉터</translation>
    </message>
    <message>
        <source>pod labels</source>
        <translation>파드 레이블</translation>
    </message>
    <message>
        <source>pod annotations</source>
        <translation>파드 어노테이션</translation>
    </message>
    <message>
        <source>{n} terms</source>
        <translation>항 {n}개</translation>
    </message>
    <message>
        <source>node affinity: {terms}</source>
        <translation>노드 어피니티: {terms}</translation>
    </message>
    <message>
        <source>pod affinity: {terms}</source>
        <translation>파드 어피니티: {terms}</translation>
    </message>
    <message>
        <source>pod anti-affinity: {terms}</source>
        <translation>파드 안티 어피니티: {terms}</translation>
    </message>
    <message>
        <source>sidecars: {names}</source>
        <translation>사이드카: {names}</translation>
    </message>
    <message>
        <source>tolerations: {list}</source>
        <translation>톨러레이션: {list}</translation>
    </message>
    <message>
        <source>node selector from {value}</source>
        <translation>노드 셀렉터 출처: {value}</translation>
    </message>
    <message>
        <source>image pull policy: {policy}</source>
        <translation>이미지 풀 정책: {policy}</translation>
    </message>
    <message>
        <source>user {id}</source>
        <translation>사용자 {id}</translation>
    </message>
    <message>
        <source>group {id}</source>
        <translation>그룹 {id}</translation>
    </message>
    <message>
        <source>not as root</source>
        <translation>root 아님</translation>
    </message>
    <message>
        <source>root allowed</source>
        <translation>root 허용</translation>
    </message>
    <message>
        <source>runs as: {ids}</source>
        <translation>실행 계정: {ids}</translation>
    </message>
    <message>
        <source>image pull secrets: {names}</source>
        <translation>이미지 풀 시크릿: {names}</translation>
    </message>
    <message>
        <source>volumes: {paths}</source>
        <translation>볼륨: {paths}</translation>
    </message>
    <message>
        <source>runs even if upstream tasks fail</source>
        <translation>상위 태스크가 실패해도 실행</translation>
    </message>
</context>
<context>
    <name>StaleLinks</name>
    <message>
        <source>select the wire and press Delete</source>
        <translation>연결선을 선택하고 Delete 키를 누르세요</translation>
    </message>
    <message>
        <source>pipeline parameter `{name}` no longer exists</source>
        <translation>파이프라인 파라미터 `{name}`이(가) 더 이상 없습니다</translation>
    </message>
    <message>
        <source>the task it came from no longer exists</source>
        <translation>연결선이 나온 태스크가 더 이상 없습니다</translation>
    </message>
    <message>
        <source>the component of {task} is missing</source>
        <translation>{task}의 컴포넌트가 없습니다</translation>
    </message>
    <message>
        <source>`{output}` is no longer an output of {component} (task {task})</source>
        <translation>`{output}`은(는) 더 이상 {component}의 출력이 아닙니다 (태스크 {task})</translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}: its value {value} is not passed. Remove it in the Properties pane, or give the function that input back.</source>
        <translation>`{input}`은(는) 더 이상 {component}의 입력이 아닙니다: 값 {value}은(는) 전달되지 않습니다. 속성 창에서 제거하거나 함수에 그 입력을 되돌려 놓으세요.</translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}, and {problem}: delete the wire ({hint}).</source>
        <translation>`{input}`은(는) 더 이상 {component}의 입력이 아니고 {problem}: 연결선을 삭제하세요 ({hint}).</translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}: connect the wire to another input or delete it (drag it off the `{input}` port onto another input, or {hint}).</source>
        <translation>`{input}`은(는) 더 이상 {component}의 입력이 아닙니다: 연결선을 다른 입력에 잇거나 삭제하세요 (`{input}` 포트에서 떼어 다른 입력으로 끌어 놓거나, {hint}).</translation>
    </message>
    <message>
        <source>Its wire is broken: {problem}. Connect `{input}` to another source or delete the wire (drag it off the `{input}` port onto an output, or {hint}).</source>
        <translation>연결선이 끊어졌습니다: {problem}. `{input}`을(를) 다른 출발점에 잇거나 연결선을 삭제하세요 (`{input}` 포트에서 떼어 출력으로 끌어 놓거나, {hint}).</translation>
    </message>
    <message>
        <source>`{output}` is no longer an output of {component}, but wires still use it: drag each wire&apos;s input end onto another output, or {hint}.</source>
        <translation>`{output}`은(는) 더 이상 {component}의 출력이 아니지만 아직 연결선이 사용합니다: 각 연결선의 입력 쪽 끝을 다른 출력으로 끌어 놓거나, {hint}.</translation>
    </message>
    <message>
        <source>deleted task</source>
        <translation>삭제된 태스크</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Step</source>
        <translation>단계 실행</translation>
    </message>
    <message>
        <source>Run this task, then pause before the next one ({key})</source>
        <translation>이 태스크를 실행하고 다음 태스크 앞에서 멈춥니다 ({key})</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Run the rest, pausing only at breakpoints ({key})</source>
        <translation>나머지를 실행합니다. 중단점에서만 멈춥니다 ({key})</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{colour}&apos;&gt;Paused before {task}&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:{colour}&apos;&gt;{task} 앞에서 멈춤&lt;/b&gt;</translation>
    </message>
    <message>
        <source>its inputs get: {values}</source>
        <translation>입력이 받을 값: {values}</translation>
    </message>
    <message>
        <source>it has no inputs.</source>
        <translation>입력이 없습니다.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{task} printed: {printed}&lt;br&gt;and returned: {returned}</source>
        <translation>{task}의 출력 내용: {printed}&lt;br&gt;반환 값: {returned}</translation>
    </message>
    <message>
        <source>What is a step-through run?</source>
        <translation>단계 실행이란?</translation>
    </message>
</context>
<context>
    <name>TaskSettingsEditor</name>
    <message>
        <source>NAME</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>시크릿</translation>
    </message>
    <message>
        <source>config map</source>
        <translation>컨피그맵</translation>
    </message>
    <message>
        <source>key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Remove this variable</source>
        <translation>이 변수 제거</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>The task runs even if the secret or config map (or the key) is missing: the variable is then unset</source>
        <translation>시크릿이나 컨피그맵(또는 키)이 없어도 태스크가 실행됩니다. 그때 변수는 설정되지 않습니다</translation>
    </message>
    <message>
        <source>secret name</source>
        <translation>시크릿 이름</translation>
    </message>
    <message>
        <source>config map name</source>
        <translation>컨피그맵 이름</translation>
    </message>
    <message>
        <source>Set in the Python file from a pipeline parameter or a task output</source>
        <translation>Python 파일에서 파이프라인 파라미터나 태스크 출력으로 설정한 값입니다.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>환경</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>as the name (default)</source>
        <translation>이름과 같음(기본값)</translation>
    </message>
    <message>
        <source>The name the cluster&apos;s UI and the run panel show</source>
        <translation>클러스터 UI와 실행 패널에 표시되는 이름입니다.</translation>
    </message>
    <message>
        <source>reuse results</source>
        <translation>결과 재사용</translation>
    </message>
    <message>
        <source>Off: the task always runs, on the cluster and in local runs, instead of reusing the results of an identical earlier run</source>
        <translation>끄면 같은 이전 실행의 결과를 재사용하지 않고 클러스터와 로컬 실행에서 태스크를 항상 실행합니다.</translation>
    </message>
    <message>
        <source>Caching</source>
        <translation>캐시</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>재시도</translation>
    </message>
    <message>
        <source>How many times a failed task runs again</source>
        <translation>실패한 태스크를 다시 실행할 횟수입니다.</translation>
    </message>
    <message>
        <source>Retry backoff</source>
        <translation>재시도 대기</translation>
    </message>
    <message>
        <source>immediately (default)</source>
        <translation>즉시(기본값)</translation>
    </message>
    <message>
        <source>Wait before retrying: 30s, 2m... (with retries)</source>
        <translation>재시도 전에 기다릴 시간입니다: 30s, 2m 등(재시도와 함께 사용).</translation>
    </message>
    <message>
        <source>Backoff factor</source>
        <translation>대기 배수</translation>
    </message>
    <message>
        <source>1 (kfp 1), 2 (kfp 2)</source>
        <translation>1 (kfp 1), 2 (kfp 2)</translation>
    </message>
    <message>
        <source>Each wait is the previous one times this number</source>
        <translation>대기 시간마다 이전 대기 시간에 이 수를 곱합니다</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>The wait between retries grows up to this: 5m, 1h...</source>
        <translation>재시도 사이의 대기 시간은 이 값까지 늘어납니다: 5m, 1h...</translation>
    </message>
    <message>
        <source>any failure (default)</source>
        <translation>모든 실패(기본값)</translation>
    </message>
    <message>
        <source>Which failures are retried (kfp 1 only; kfp 2 retries any failure)</source>
        <translation>어떤 실패를 재시도할지 정합니다(kfp 1 전용, kfp 2는 모든 실패를 재시도합니다)</translation>
    </message>
    <message>
        <source>Retry on</source>
        <translation>재시도 조건</translation>
    </message>
    <message>
        <source>Mount a volume (what the list below says); local runs use a folder named after a claim</source>
        <translation>볼륨을 마운트합니다(아래 목록에서 고른 것). 로컬 실행은 클레임 이름의 폴더를 사용합니다</translation>
    </message>
    <message>
        <source>A claim named here, the claim a CreatePVC step of the pipeline creates (add one from the library), a secret, a config map, a scratch folder (empty dir) or a claim made with the task&apos;s pod (ephemeral volume)</source>
        <translation>여기서 이름을 준 클레임, 파이프라인의 CreatePVC 단계가 만드는 클레임(라이브러리에서 추가), 시크릿, 컨피그맵, 임시 작업 폴더(빈 디렉터리), 또는 태스크의 파드와 함께 만들어지는 클레임(임시 볼륨)</translation>
    </message>
    <message>
        <source>Backoff limit</source>
        <translation>최대 대기 시간</translation>
    </message>
    <message>
        <source>pod field</source>
        <translation>파드 필드</translation>
    </message>
    <message>
        <source>Cache age</source>
        <translation>캐시 유효 기간</translation>
    </message>
    <message>
        <source>Reuse cached results up to this age (kfp 1 only): P30D, PT12H; P0D never reuses</source>
        <translation>이 기간 안의 캐시된 결과를 재사용합니다(kfp 1 전용): P30D, PT12H, P0D는 재사용하지 않습니다</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>제한 시간(초)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Seconds after which the task is stopped and fails</source>
        <translation>이 시간(초)이 지나면 태스크를 중지하고 실패로 처리합니다.</translation>
    </message>
    <message>
        <source>run anyway</source>
        <translation>그래도 실행</translation>
    </message>
    <message>
        <source>Run even if upstream tasks fail (kfp 2 only: ignore_upstream_failure)</source>
        <translation>상위 태스크가 실패해도 실행합니다(kfp 2 전용: ignore_upstream_failure).</translation>
    </message>
    <message>
        <source>Ignore upstream failure</source>
        <translation>상위 실패 무시</translation>
    </message>
    <message>
        <source>Upstream fails</source>
        <translation>상위 실패 시</translation>
    </message>
    <message>
        <source>Cores: 500m is half a core, 2 is two</source>
        <translation>코어 수입니다: 500m은 0.5코어, 2는 2코어입니다.</translation>
    </message>
    <message>
        <source>Bytes with a unit: 512Mi, 2Gi</source>
        <translation>단위가 붙은 바이트 수입니다: 512Mi, 2Gi.</translation>
    </message>
    <message>
        <source>CPU request</source>
        <translation>CPU 요청</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU 제한</translation>
    </message>
    <message>
        <source>Memory request</source>
        <translation>메모리 요청</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>메모리 제한</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>가속기</translation>
    </message>
    <message>
        <source>The accelerator type, e.g. nvidia.com/gpu, amd.com/gpu, NVIDIA_TESLA_T4</source>
        <translation>가속기 종류입니다(예: nvidia.com/gpu, amd.com/gpu, NVIDIA_TESLA_T4).</translation>
    </message>
    <message>
        <source>Accelerators</source>
        <translation>가속기 수</translation>
    </message>
    <message>
        <source>How many accelerators (GPUs): a whole number</source>
        <translation>사용할 가속기(GPU) 수입니다: 정수.</translation>
    </message>
    <message>
        <source>Other resources the task&apos;s pod asks for, name=quantity separated by commas (ephemeral-storage=10Gi, hugepages-2Mi=100Mi, cloud-tpus.google.com/v2=8). kfp 1 only</source>
        <translation>태스크의 파드가 요청하는 기타 리소스, 이름=수량을 쉼표로 구분합니다(ephemeral-storage=10Gi, hugepages-2Mi=100Mi, cloud-tpus.google.com/v2=8). kfp 1 전용</translation>
    </message>
    <message>
        <source>Other limits</source>
        <translation>기타 리소스 제한</translation>
    </message>
    <message>
        <source>Other requests</source>
        <translation>기타 리소스 요청</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>변수 추가</translation>
    </message>
    <message>
        <source>Secrets and config maps are named, never stored: local runs read their values from an env file</source>
        <translation>시크릿과 컨피그맵은 이름만 저장하고 값은 저장하지 않습니다. 로컬 실행은 값을 env 파일에서 읽습니다.</translation>
    </message>
    <message>
        <source>key=value pairs, separated by commas</source>
        <translation>키=값 쌍을 쉼표로 구분해 입력합니다.</translation>
    </message>
    <message>
        <source>Node selector</source>
        <translation>노드 셀렉터</translation>
    </message>
    <message>
        <source>Pod labels</source>
        <translation>파드 레이블</translation>
    </message>
    <message>
        <source>Pod annotations</source>
        <translation>파드 어노테이션</translation>
    </message>
    <message>
        <source>key=value, …</source>
        <translation>키=값, …</translation>
    </message>
    <message>
        <source>Tolerations</source>
        <translation>톨러레이션</translation>
    </message>
    <message>
        <source>key[=value][:Effect][@seconds], separated by commas</source>
        <translation>키[=값][:Effect][@초]를 쉼표로 구분해 입력합니다.</translation>
    </message>
    <message>
        <source>Node affinity</source>
        <translation>노드 어피니티</translation>
    </message>
    <message>
        <source>Nodes the task may run on: [weight:] key operator [values] (In, NotIn, Exists, DoesNotExist, Gt, Lt), joined by &amp;; terms separated by ;. With a weight (1-100) a term is preferred, without it required. field:key tests a node field</source>
        <translation>태스크가 실행될 수 있는 노드: [가중치:] 키 연산자 [값] (In, NotIn, Exists, DoesNotExist, Gt, Lt), 조건은 &amp;로 잇고 항은 ;로 구분합니다. 가중치(1-100)가 있으면 선호, 없으면 필수 조건입니다. field:키는 노드 필드를 검사합니다</translation>
    </message>
    <message>
        <source>[weight:] pods @ topology key [in namespaces]; terms separated by ;. The pods: key=value or key operator [values] (In, NotIn, Exists, DoesNotExist) joined by &amp;, * for every pod. With a weight (1-100) a term is preferred, without it required. kfp 1 only: kfp-kubernetes has no pod affinity</source>
        <translation>[가중치:] 파드 @ 토폴로지 키 [in 네임스페이스], 항은 ;로 구분합니다. 파드: 키=값 또는 키 연산자 [값] (In, NotIn, Exists, DoesNotExist)을 &amp;로 잇고, 모든 파드는 *입니다. 가중치(1-100)가 있으면 선호, 없으면 필수 조건입니다. kfp 1 전용: kfp-kubernetes에는 파드 어피니티가 없습니다</translation>
    </message>
    <message>
        <source>Pod affinity</source>
        <translation>파드 어피니티</translation>
    </message>
    <message>
        <source>Run the task where these pods run. </source>
        <translation>이 파드들이 실행되는 곳에서 태스크를 실행합니다. </translation>
    </message>
    <message>
        <source>Pod anti-affinity</source>
        <translation>파드 안티 어피니티</translation>
    </message>
    <message>
        <source>Keep the task away from where these pods run. </source>
        <translation>이 파드들이 실행되는 곳을 피해 태스크를 실행합니다. </translation>
    </message>
    <message>
        <source>Sidecars</source>
        <translation>사이드카</translation>
    </message>
    <message>
        <source>Containers that run beside the task&apos;s own for as long as it runs (a service it calls on localhost): name=image, then the command and, after --, its arguments; sidecars separated by ;. kfp 1 only: a kfp 2 task runs one container</source>
        <translation>태스크가 실행되는 동안 태스크 컨테이너 옆에서 함께 실행되는 컨테이너(태스크가 localhost로 호출하는 서비스 등): 이름=이미지 다음에 명령을, -- 뒤에 인자를 쓰고, 사이드카는 ;로 구분합니다. kfp 1 전용: kfp 2 태스크는 컨테이너 하나만 실행합니다</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>Image pull policy</source>
        <translation>이미지 풀 정책</translation>
    </message>
    <message>
        <source>Run as user</source>
        <translation>실행 사용자</translation>
    </message>
    <message>
        <source>Run as group</source>
        <translation>실행 그룹</translation>
    </message>
    <message>
        <source>The numeric id the container&apos;s processes run as (security context)</source>
        <translation>컨테이너 프로세스가 실행될 숫자 식별자(보안 컨텍스트)</translation>
    </message>
    <message>
        <source>required</source>
        <translation>필수</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>필수 아님</translation>
    </message>
    <message>
        <source>Whether the container must not run as root (the cluster refuses an image that would)</source>
        <translation>컨테이너가 root로 실행되면 안 되는지 여부(그렇게 실행될 이미지는 클러스터가 거부합니다)</translation>
    </message>
    <message>
        <source>Run as non-root</source>
        <translation>root가 아닌 계정으로 실행</translation>
    </message>
    <message>
        <source>Node selector from</source>
        <translation>노드 셀렉터 출처</translation>
    </message>
    <message>
        <source>A pipeline parameter giving the whole node selector (a dict) when the run starts (kfp 2 only)</source>
        <translation>실행이 시작될 때 노드 셀렉터 전체(dict)를 주는 파이프라인 파라미터(kfp 2 전용)</translation>
    </message>
    <message>
        <source>Tolerations from</source>
        <translation>톨러레이션 출처</translation>
    </message>
    <message>
        <source>A pipeline parameter giving a toleration (a dict) or a list of them when the run starts (kfp 2 only)</source>
        <translation>실행이 시작될 때 톨러레이션 하나(dict) 또는 그 목록을 주는 파이프라인 파라미터(kfp 2 전용)</translation>
    </message>
    <message>
        <source>Node affinity from</source>
        <translation>노드 어피니티 출처</translation>
    </message>
    <message>
        <source>A pipeline parameter giving a whole Kubernetes node affinity (a dict) when the run starts (kfp 2 only)</source>
        <translation>실행이 시작될 때 Kubernetes 노드 어피니티 전체(dict)를 주는 파이프라인 파라미터(kfp 2 전용)</translation>
    </message>
    <message>
        <source>Edit these as JSON, below: a value has a comma</source>
        <translation>아래에서 JSON으로 편집하세요: 값에 쉼표가 있습니다</translation>
    </message>
    <message>
        <source>Edit these in the Python file: a value comes from a parameter</source>
        <translation>Python 파일에서 편집하세요: 파라미터에서 온 값이 있습니다</translation>
    </message>
    <message>
        <source>Edit these as JSON, below: the text form cannot say their operator, or one from a parameter comes first</source>
        <translation>아래에서 JSON으로 편집하세요: 텍스트 형식으로는 연산자를 나타낼 수 없거나, 파라미터에서 온 항목이 앞에 있습니다</translation>
    </message>
    <message>
        <source>Edit this as JSON, below: the text form cannot say a term, or the node affinity from JSON comes first</source>
        <translation>아래에서 JSON으로 편집하세요: 텍스트 형식으로 나타낼 수 없는 항이 있거나, JSON으로 준 노드 어피니티가 앞에 있습니다</translation>
    </message>
    <message>
        <source>JSON below</source>
        <translation>아래의 JSON</translation>
    </message>
    <message>
        <source>Given by {value} in the Python file: the pane chooses a pipeline parameter or JSON written below, not a task&apos;s output</source>
        <translation>Python 파일에서 {value}(으)로 준 값입니다: 이 창에서는 파이프라인 파라미터나 아래에 쓴 JSON만 고를 수 있고, 태스크 출력은 고를 수 없습니다</translation>
    </message>
    <message>
        <source>Image pull secrets</source>
        <translation>이미지 풀 시크릿</translation>
    </message>
    <message>
        <source>Secrets holding the credentials of private image registries, separated by commas (kfp 2: kfp-kubernetes)</source>
        <translation>비공개 이미지 레지스트리의 자격 증명이 담긴 시크릿. 쉼표로 구분합니다(kfp 2: kfp-kubernetes)</translation>
    </message>
    <message>
        <source>Add volume</source>
        <translation>볼륨 추가</translation>
    </message>
    <message>
        <source>Mount</source>
        <translation>마운트</translation>
    </message>
    <message>
        <source>a claim by name</source>
        <translation>이름으로 지정한 클레임</translation>
    </message>
    <message>
        <source>the claim {task} creates</source>
        <translation>{task}이(가) 만드는 클레임</translation>
    </message>
    <message>
        <source>a secret</source>
        <translation>시크릿</translation>
    </message>
    <message>
        <source>a config map</source>
        <translation>컨피그맵</translation>
    </message>
    <message>
        <source>an empty dir</source>
        <translation>빈 디렉터리</translation>
    </message>
    <message>
        <source>an ephemeral volume</source>
        <translation>임시 볼륨</translation>
    </message>
    <message>
        <source>a folder of the node (kfp 1)</source>
        <translation>노드의 폴더(kfp 1)</translation>
    </message>
    <message>
        <source>Set from a pipeline parameter or a task output in the Python file</source>
        <translation>Python 파일에서 파이프라인 파라미터나 태스크 출력으로 설정한 값입니다.</translation>
    </message>
    <message>
        <source>Edit this in the Python file: a term with names or values the text form cannot say</source>
        <translation>Python 파일에서 편집하세요. 텍스트 형식으로 쓸 수 없는 이름이나 값이 있는 항입니다</translation>
    </message>
    <message>
        <source>Edit these in the Python file: a value comes from the run, or a sidecar mirrors the task&apos;s volumes</source>
        <translation>Python 파일에서 편집하세요. 실행 시 정해지는 값이 있거나, 사이드카가 태스크의 볼륨을 그대로 마운트합니다</translation>
    </message>
    <message>
        <source>Edit these in the Python file: a name comes from a pipeline parameter or a task output</source>
        <translation>Python 파일에서 편집하세요. 이름이 파이프라인 파라미터나 태스크 출력에서 옵니다</translation>
    </message>
    <message>
        <source>Cached results are reused up to {age} old (kfp 1)</source>
        <translation>캐시된 결과를 최대 {age}까지 재사용합니다(kfp 1).</translation>
    </message>
    <message>
        <source>Set a number of retries first</source>
        <translation>먼저 재시도 횟수를 설정하세요.</translation>
    </message>
    <message>
        <source>— (none)</source>
        <translation>— (없음)</translation>
    </message>
    <message>
        <source>set in the Python file</source>
        <translation>Python 파일에서 설정됨</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Retry policy</source>
        <translation>재시도 정책</translation>
    </message>
    <message>
        <source>volumes</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>환경 변수</translation>
    </message>
</context>
<context>
    <name>TextValueEditor</name>
    <message>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>text (type &quot;&quot; for empty; {{name}} inserts a parameter, an output or a run value)</source>
        <translation>텍스트(빈 문자열은 &quot;&quot; 입력, {{name}}은 파라미터, 출력 또는 실행 값을 넣습니다)</translation>
    </message>
    <message>
        <source>a list, e.g. [1, 2]</source>
        <translation>리스트, 예: [1, 2]</translation>
    </message>
    <message>
        <source>a dict, e.g. {&quot;a&quot;: 1}</source>
        <translation>딕셔너리, 예: {&quot;a&quot;: 1}</translation>
    </message>
    <message>
        <source>True or False</source>
        <translation>True 또는 False</translation>
    </message>
    <message>
        <source>any literal value, or text</source>
        <translation>임의의 리터럴 값 또는 텍스트</translation>
    </message>
    <message>
        <source>{type}: {hint}. Empty uses the default.</source>
        <translation>{type}: {hint}. 비워 두면 기본값을 씁니다.</translation>
    </message>
    <message>
        <source>untyped</source>
        <translation>타입 없음</translation>
    </message>
</context>
<context>
    <name>TextView</name>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <source>Upload {name} to Kubeflow</source>
        <translation>{name}을(를) Kubeflow에 업로드</translation>
    </message>
    <message>
        <source>A new pipeline</source>
        <translation>새 파이프라인</translation>
    </message>
    <message>
        <source>A new version of the pipeline of this name</source>
        <translation>이 이름을 가진 파이프라인의 새 버전</translation>
    </message>
    <message>
        <source>Whichever fits (a version when the name exists)</source>
        <translation>자동 (이름이 있으면 새 버전)</translation>
    </message>
    <message>
        <source>default: name, date and a digest</source>
        <translation>기본값: 이름, 날짜, 다이제스트</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>엔드포인트</translation>
    </message>
    <message>
        <source>Compile for</source>
        <translation>컴파일 대상</translation>
    </message>
    <message>
        <source>Upload as</source>
        <translation>업로드 방식</translation>
    </message>
    <message>
        <source>Pipeline name</source>
        <translation>파이프라인 이름</translation>
    </message>
    <message>
        <source>Version name</source>
        <translation>버전 이름</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>업로드</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>not a literal value</source>
        <translation>리터럴 값이 아닙니다</translation>
    </message>
    <message>
        <source>“{text}” is not a whole number</source>
        <translation>“{text}”은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>“{text}”은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>write True or False</source>
        <translation>True 또는 False로 쓰세요</translation>
    </message>
    <message>
        <source>not a valid {kind}; write it like {example}</source>
        <translation>올바른 {kind}이(가) 아닙니다. {example}처럼 쓰세요</translation>
    </message>
    <message>
        <source>expects a {kind}, not a {type}</source>
        <translation>{type}이(가) 아니라 {kind}이(가) 필요합니다</translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation>기본값: {value}</translation>
    </message>
    <message>
        <source>required</source>
        <translation>필수</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>it has a lone surrogate (U+{code}), which no file can hold</source>
        <translation>짝이 없는 서로게이트(U+{code})가 있어 어떤 파일에도 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>an integer of more than {digits} digits cannot be saved or compiled</source>
        <translation>{digits}자리를 넘는 정수는 저장하거나 컴파일할 수 없습니다</translation>
    </message>
    <message>
        <source>it is nested more than {depth} levels deep</source>
        <translation>중첩이 {depth}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>a {type} cannot be saved: use a list</source>
        <translation>{type}은(는) 저장할 수 없습니다: 리스트를 사용하세요</translation>
    </message>
    <message>
        <source>a {type} is not a JSON-like value</source>
        <translation>{type}은(는) JSON 형식의 값이 아닙니다</translation>
    </message>
    <message>
        <source>a dict key cannot be a {type}</source>
        <translation>딕셔너리 키는 {type}일 수 없습니다</translation>
    </message>
</context>
<context>
    <name>VolumeRow</name>
    <message>
        <source>claim ← {task}</source>
        <translation>클레임 ← {task}</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>클레임</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>시크릿</translation>
    </message>
    <message>
        <source>config map</source>
        <translation>컨피그맵</translation>
    </message>
    <message>
        <source>empty dir</source>
        <translation>빈 디렉터리</translation>
    </message>
    <message>
        <source>ephemeral volume</source>
        <translation>임시 볼륨</translation>
    </message>
    <message>
        <source>node folder</source>
        <translation>노드 폴더</translation>
    </message>
    <message>
        <source>mount path</source>
        <translation>마운트 경로</translation>
    </message>
    <message>
        <source>Where the task sees the volume, e.g. /data</source>
        <translation>태스크가 볼륨을 보는 경로(예: /data)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>The task runs even if the secret or config map is missing (an empty folder then)</source>
        <translation>시크릿이나 컨피그맵이 없어도 태스크가 실행됩니다(그때는 빈 폴더)</translation>
    </message>
    <message>
        <source>size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>How much storage the claim asks for: 1Gi, 500Mi</source>
        <translation>클레임이 요청하는 저장 공간: 1Gi, 500Mi</translation>
    </message>
    <message>
        <source>Labels of the claim made for the pod: key=value pairs, separated by commas, or a JSON object</source>
        <translation>파드와 함께 만들어지는 클레임의 레이블: 쉼표로 구분한 key=value 쌍 또는 JSON 객체</translation>
    </message>
    <message>
        <source>Annotations of the claim made for the pod: key=value pairs, separated by commas, or a JSON object (for a comma in a value)</source>
        <translation>파드와 함께 만들어지는 클레임의 어노테이션: 쉼표로 구분한 key=value 쌍 또는 JSON 객체(값에 쉼표가 있을 때)</translation>
    </message>
    <message>
        <source>default class</source>
        <translation>기본 클래스</translation>
    </message>
    <message>
        <source>The storage class of the claim; empty: the cluster&apos;s default</source>
        <translation>클레임의 스토리지 클래스. 비우면 클러스터 기본값</translation>
    </message>
    <message>
        <source>Set in the Python file: access modes {modes} that the boxes cannot say, or a label from a parameter</source>
        <translation>Python 파일에서 설정한 값입니다: 체크 상자로 나타낼 수 없는 접근 모드 {modes}, 또는 파라미터에서 온 레이블이 있습니다</translation>
    </message>
    <message>
        <source>secret name</source>
        <translation>시크릿 이름</translation>
    </message>
    <message>
        <source>config map name</source>
        <translation>컨피그맵 이름</translation>
    </message>
    <message>
        <source>volume name</source>
        <translation>볼륨 이름</translation>
    </message>
    <message>
        <source>folder of the node</source>
        <translation>노드의 폴더</translation>
    </message>
    <message>
        <source>claim (PVC) name</source>
        <translation>클레임(PVC) 이름</translation>
    </message>
    <message>
        <source>The persistent volume claim to mount; tasks mounting the same claim share its files</source>
        <translation>마운트할 영구 볼륨 클레임입니다. 같은 클레임을 마운트한 태스크끼리 파일을 공유합니다</translation>
    </message>
    <message>
        <source>Its name only: the values stay on the cluster (never in the project)</source>
        <translation>이름만 적습니다. 값은 클러스터에만 있습니다(프로젝트에는 저장되지 않음)</translation>
    </message>
    <message>
        <source>A folder of the node the task runs on (kfp 1 only; local runs refuse it)</source>
        <translation>태스크가 실행되는 노드의 폴더(kfp 1 전용, 로컬 실행에서는 거부됩니다)</translation>
    </message>
    <message>
        <source>The volume&apos;s name in the task&apos;s pod</source>
        <translation>태스크 파드 안에서의 볼륨 이름</translation>
    </message>
    <message>
        <source>sub path</source>
        <translation>하위 경로</translation>
    </message>
    <message>
        <source>A folder inside the volume to mount instead of all of it</source>
        <translation>볼륨 전체 대신 마운트할 볼륨 안의 폴더</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>읽기 전용</translation>
    </message>
    <message>
        <source>Mount without write access (kfp 1 only: kfp-kubernetes mounts read-write)</source>
        <translation>쓰기 권한 없이 마운트합니다(kfp 1 전용: kfp-kubernetes는 읽기/쓰기로만 마운트합니다)</translation>
    </message>
    <message>
        <source>claim labels: key=value, …</source>
        <translation>클레임 레이블: key=value, …</translation>
    </message>
    <message>
        <source>claim annotations: key=value, …</source>
        <translation>클레임 어노테이션: key=value, …</translation>
    </message>
    <message>
        <source>Remove this volume</source>
        <translation>이 볼륨 삭제</translation>
    </message>
    <message>
        <source>How nodes may use the claim (one or more)</source>
        <translation>노드가 클레임을 쓰는 방식 (하나 이상)</translation>
    </message>
    <message>
        <source>The claim this task creates; tasks mounting it run after it</source>
        <translation>이 태스크가 만드는 클레임입니다. 이를 마운트하는 태스크는 이 태스크 다음에 실행됩니다</translation>
    </message>
    <message>
        <source>Set in the Python file: only a claim named by a string is edited here</source>
        <translation>Python 파일에서 설정한 값입니다. 여기서는 문자열로 이름을 준 클레임만 편집할 수 있습니다</translation>
    </message>
</context>
</TS>
