<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../gdsim/ui/actions.py" line="26" />
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="173" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="174" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="175" />
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="176" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="177" />
        <source>Less&amp;ons</source>
        <translation>课程(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="182" />
        <source>&amp;Open a lesson file…</source>
        <translation>打开课件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="183" />
        <source>&amp;Save the setup as a lesson…</source>
        <translation>把当前设置存为课件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="185" />
        <source>La&amp;nguage / 语言</source>
        <translation>语言 / Language(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="186" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="188" />
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="196" />
        <source>&amp;Import data…</source>
        <translation>导入数据(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="196" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="197" />
        <source>&amp;Save data as CSV…</source>
        <translation>将数据保存为 CSV(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="198" />
        <source>Re&amp;move the selected point</source>
        <translation>删除选中的点(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="198" />
        <source>&amp;Clear data</source>
        <translation>清空数据(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="199" />
        <source>Play / Pause</source>
        <translation>开始 / 暂停</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="199" />
        <source>One step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="199" />
        <source>Reset to the start</source>
        <translation>回到起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="200" />
        <source>η × 2</source>
        <translation>η × 2</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="200" />
        <source>η ÷ 2</source>
        <translation>η ÷ 2</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="201" />
        <source>Add a &amp;copy of the watched run</source>
        <translation>复制所查看的运行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="202" />
        <source>Re&amp;move the watched run</source>
        <translation>删除所查看的运行(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="203" />
        <source>&amp;Basins: where every start of a grid ends</source>
        <translation>吸引域(&amp;B)：网格中每个起点的归宿</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="204" />
        <source>&amp;Log scale for the loss</source>
        <translation>损失用对数坐标(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="205" />
        <source>Show the &amp;parts of each step</source>
        <translation>分解显示每一步(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="206" />
        <source>&amp;Equal axis scales (1:1)</source>
        <translation>坐标轴等比例（1:1）(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="207" />
        <source>&amp;Secant → tangent (1-D): the derivative as a limit</source>
        <translation>割线 → 切线（一维）：导数是极限(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="208" />
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="208" />
        <source>&amp;Light theme (projector)</source>
        <translation>浅色主题（投影仪）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="209" />
        <source>Switch between the dark and the light &amp;theme</source>
        <translation>在深色和浅色主题之间切换(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="210" />
        <source>&amp;Larger</source>
        <translation>放大(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="210" />
        <source>&amp;Smaller</source>
        <translation>缩小(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="210" />
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="211" />
        <source>&amp;Keyboard</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="211" />
        <source>&amp;About gdsim</source>
        <translation>关于 gdsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="215" />
        <source>&amp;Controls</source>
        <translation>控制面板(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="216" />
        <source>F&amp;ormulas</source>
        <translation>公式(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="217" />
        <source>C&amp;hain rule for the neuron</source>
        <translation>神经元的链式法则(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="220" />
        <source>Remove every point, to place your own (a run needs at least one)</source>
        <translation>删除所有的点，以便放置你自己的点（运行至少需要一个点）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="228" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="228" />
        <source>&amp;Undo: {0}</source>
        <translation>撤销：{0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="229" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="229" />
        <source>&amp;Redo: {0}</source>
        <translation>重做：{0}(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="269" />
        <source>&amp;3-D surface (no OpenGL here)</source>
        <translation>三维曲面（此处没有 OpenGL）(&amp;3)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="270" />
        <source>The 3-D surface needs OpenGL: {0}</source>
        <translation>三维曲面需要 OpenGL：{0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="272" />
        <source>&amp;3-D surface…</source>
        <translation>三维曲面(&amp;3)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="274" />
        <source>The 3-D surface shows a loss of two parameters; this problem has {0}.</source>
        <translation>三维曲面只能显示两个参数的损失；这个目标函数有 {0} 个参数。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="276" />
        <source>The loss as a surface one can turn, with every run's path on it</source>
        <translation>把损失画成可以转动的曲面，每次运行的路径都画在上面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="283" />
        <source>A basin map needs a problem of 1 or 2 parameters</source>
        <translation>吸引域图只适用于 1 个或 2 个参数的目标函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="297" />
        <source>&amp;Scale: {0}</source>
        <translation>缩放：{0}(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="323" />
        <source>Open lesson 1 … {0}</source>
        <translation>打开第 1 … {0} 课</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="347" />
        <source>Keyboard</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="349" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/actions.py" line="349" />
        <source>Does</source>
        <translation>作用</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="69" />
        <location filename="../../gdsim/ui/animation_export.py" line="123" />
        <location filename="../../gdsim/ui/animation_export.py" line="148" />
        <location filename="../../gdsim/ui/animation_export.py" line="183" />
        <source>Export an animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="70" />
        <source>From step:</source>
        <translation>起始步：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="70" />
        <source>To step:</source>
        <translation>结束步：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="70" />
        <source>One frame every … steps:</source>
        <translation>每隔几步一帧：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="70" />
        <source>Frames per second:</source>
        <translation>每秒帧数：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="74" />
        <location filename="../../gdsim/ui/animation_export.py" line="143" />
        <source>MP4 needs the video extra: {0}</source>
        <translation>导出 MP4 需要安装视频扩展：{0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="125" />
        <source>The first step ({0}) comes after the last ({1}).</source>
        <translation>起始步（{0}）在结束步（{1}）之后。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="128" />
        <source>That makes more than {0} frames; take a frame every more steps.</source>
        <translation>这样会超过 {0} 帧；请加大每帧之间的步数。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="131" />
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="131" />
        <source>Animated PNG (*.apng *.png)</source>
        <translation>动态 PNG (*.apng *.png)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="133" />
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="154" />
        <location filename="../../gdsim/ui/animation_export.py" line="184" />
        <location filename="../../gdsim/ui/exports.py" line="229" />
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="161" />
        <source>Drawing the frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="161" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="178" />
        <location filename="../../gdsim/ui/exports.py" line="234" />
        <source>Written: {0}</source>
        <translation>已写入：{0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/animation_export.py" line="188" />
        <source>Frame {0} of {1}</source>
        <translation>第 {0} 帧，共 {1} 帧</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_panel.py" line="80" />
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_panel.py" line="81" />
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_panel.py" line="82" />
        <source>Which sample of the data the graph shows (or click a point of the data)</source>
        <translation>图中显示数据的哪一个样本（也可以点击数据图上的点）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="45" />
        <source>The chain rule is shown for models fitted to data: choose the problem Linear regression or Neuron.</source>
        <translation>链式法则面板针对用数据拟合的模型：请把目标函数选为“线性回归”或“神经元”。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="87" />
        <source>(f is the identity)</source>
        <translation>（f 是恒等函数）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="92" />
        <source>target y = {0}</source>
        <translation>目标值 y = {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="117" />
        <source>of {0} · loss {1}: L = Σ E over the samples · forward: the values in the boxes, backward: the factors on the arrows</source>
        <translation>共 {0} 个 · 损失 {1}：L = 各样本 E 之和 · 前向：方框里的数值；反向：箭头上的因子</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="127" />
        <source>(with the sigmoid, ŷ(1 − ŷ) cancels: ∂E/∂h = (ŷ − y)/N = {0})</source>
        <translation>（用 Sigmoid 时 ŷ(1 − ŷ) 正好约掉：∂E/∂h = (ŷ − y)/N = {0}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="129" />
        <source>Backward, the product along each path:</source>
        <translation>反向：沿每条路径把因子相乘：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="172" />
        <source>Summed over all {0} samples, the products are the gradient:</source>
        <translation>把全部 {0} 个样本的乘积加起来，就是梯度：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="180" />
        <source>The next step uses a mini-batch of {0} samples (N = {0} in E): summed over them,</source>
        <translation>下一步只用一个含 {0} 个样本的小批量（E 中的 N = {0}）：对它们求和，</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="187" />
        <source>This is the gradient the optimizer steps with.</source>
        <translation>这正是优化器迈步所用的梯度。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="194" />
        <source>equal, to the last digit</source>
        <translation>完全相等，一位不差</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/chain_text.py" line="196" />
        <source>equal up to rounding (the engine adds in another order): they differ by {0}</source>
        <translation>在舍入误差内相等（引擎求和的顺序不同）：相差 {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/color_bar.py" line="82" />
        <location filename="../../gdsim/ui/color_bar.py" line="86" />
        <location filename="../../gdsim/ui/loss_view.py" line="60" />
        <location filename="../../gdsim/ui/loss_view.py" line="104" />
        <location filename="../../gdsim/ui/parameter_view.py" line="362" />
        <location filename="../../gdsim/ui/surface_view.py" line="231" />
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="724" />
        <source>{0} is a fixed function; only {1} and {2} are fitted to data: choose one of them as the problem to import data</source>
        <translation>{0}是一个固定的函数，只有{1}和{2}才拟合数据：要导入数据，请先把目标函数换成其中之一</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_editor.py" line="104" />
        <source>Add a point</source>
        <translation>添加一个点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_editor.py" line="124" />
        <source>Move a point</source>
        <translation>移动一个点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_editor.py" line="140" />
        <source>Remove a point</source>
        <translation>删除一个点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_editor.py" line="159" />
        <source>Clear the data</source>
        <translation>清空数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="187" />
        <source>{0} of {1} samples shown</source>
        <translation>显示了 {1} 个样本中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="283" />
        <source>data and model ŷ = f(w·x + b)</source>
        <translation>数据与模型 ŷ = f(w·x + b)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="284" />
        <source>data and model ŷ = w·x + b</source>
        <translation>数据与模型 ŷ = w·x + b</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="289" />
        <source>Click to add a point, drag a point to move it, right-click a point (or click it and press Delete) to remove it; Ctrl+Z takes an edit back</source>
        <translation>单击添加一个点，拖动一个点来移动它，右键单击一个点（或单击它再按 Delete）来删除它；Ctrl+Z 撤销上一次修改</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="299" />
        <source>○ last step: {0}/{1}</source>
        <translation>○ 上一步：{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="300" />
        <source>◌ next step: {0}/{1}</source>
        <translation>◌ 下一步：{0}/{1}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="81" />
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="82" />
        <source>&amp;Picture…</source>
        <translation>图片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="83" />
        <source>&amp;Copy the picture</source>
        <translation>复制图片(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="84" />
        <source>&amp;Animation…</source>
        <translation>动画(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="86" />
        <source>&amp;Trajectories as CSV…</source>
        <translation>轨迹（CSV）(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="87" />
        <source>&amp;Dataset as CSV…</source>
        <translation>数据集（CSV）(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="129" />
        <source>gdsim — watch gradient descent work</source>
        <translation>gdsim —— 看梯度下降如何工作</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="177" />
        <location filename="../../gdsim/ui/exports.py" line="185" />
        <location filename="../../gdsim/ui/exports.py" line="279" />
        <source>Export a picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="178" />
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="192" />
        <source>The picture of the canvas is on the clipboard.</source>
        <translation>画布的图片已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="197" />
        <location filename="../../gdsim/ui/exports.py" line="207" />
        <source>Export the trajectories</source>
        <translation>导出轨迹</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="198" />
        <location filename="../../gdsim/ui/exports.py" line="221" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="218" />
        <location filename="../../gdsim/ui/exports.py" line="220" />
        <location filename="../../gdsim/ui/exports.py" line="223" />
        <source>Export the dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="243" />
        <source>The canvas, as laid out</source>
        <translation>整个画布（按当前布局）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="244" />
        <source>The parameter space</source>
        <translation>参数空间</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="245" />
        <source>The first slice</source>
        <translation>第一个切面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="246" />
        <source>The second slice</source>
        <translation>第二个切面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="247" />
        <source>The loss over the steps</source>
        <translation>损失随步数的变化</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="248" />
        <location filename="../../gdsim/ui/lr_view.py" line="37" />
        <source>η per step</source>
        <translation>每步的 η</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="249" />
        <source>The data and the model</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="283" />
        <source>{0}× the pixels on screen (PNG)</source>
        <translation>屏幕像素的 {0} 倍（PNG）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="284" />
        <source>The window's theme</source>
        <translation>窗口当前的主题</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="285" />
        <source>The light theme (for print)</source>
        <translation>浅色主题（适合打印）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="286" />
        <source>With the formulas beside it</source>
        <translation>在旁边附上公式</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="287" />
        <source>Picture of:</source>
        <translation>图片内容：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="287" />
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/exports.py" line="287" />
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="79" />
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="79" />
        <source>now L = {0}</source>
        <translation>当前 L = {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="88" />
        <source>the slope of the tangent at x = {0}: {1}</source>
        <translation>在 x = {0} 处切线的斜率：{1}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="90" />
        <source>positive slope: step left; negative: step right — against the slope</source>
        <translation>斜率为正就往左走，为负就往右走——总是逆着斜率的方向</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="92" />
        <source>Derivative</source>
        <translation>导数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="92" />
        <source>Gradient (partial derivatives)</source>
        <translation>梯度（偏导数）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="105" />
        <source>(∂/∂w, ∂/∂b) at (w, b) = {0}, N = {1}:</source>
        <translation>(∂/∂w, ∂/∂b)，在 (w, b) = {0} 处，N = {1}：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="106" />
        <source>the tutorial: (1/N) Σ (wx + b − y)·x, (1/N) Σ (wx + b − y)</source>
        <translation>教程的公式：(1/N) Σ (wx + b − y)·x，(1/N) Σ (wx + b − y)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="107" />
        <source>(the gradient of half-mse, L = 1/(2N) Σ (y − ŷ)²)</source>
        <translation>（即 half-mse 的梯度，L = 1/(2N) Σ (y − ŷ)²）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="108" />
        <source>SSE, L = ½ Σ (y − ŷ)²: N × the tutorial's</source>
        <translation>SSE，L = ½ Σ (y − ŷ)²：教程公式的 N 倍</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="109" />
        <source>MSE, L = (1/N) Σ (y − ŷ)²: 2 × the tutorial's</source>
        <translation>MSE，L = (1/N) Σ (y − ŷ)²：教程公式的 2 倍</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="110" />
        <source>the tutorial's C = Σ (wx + b − y)² itself: 2N × the tutorial's</source>
        <translation>教程中的 C = Σ (wx + b − y)² 本身的导数：教程公式的 2N 倍</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="111" />
        <source>All four point the same way and differ by a constant factor, which η makes up: η on SSE takes the step that N·η takes on half-mse.</source>
        <translation>四者方向相同，只差一个常数因子，这个因子可以由 η 弥补：在 SSE 上用 η 走的一步，等于在 half-mse 上用 N·η 走的一步。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="114" />
        <source>The tutorial's formulas beside SSE and MSE</source>
        <translation>教程的公式与 SSE、MSE 对照</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="139" />
        <source>first sample x = {0}, y = {1}: h = {2}, ŷ = {3}, δ = {4}</source>
        <translation>第一个样本（x = {0}, y = {1}）：h = {2}, ŷ = {3}, δ = {4}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="146" />
        <source>This is the step gradient descent takes.</source>
        <translation>这正是梯度下降走的这一步。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="148" />
        <source>This is the plain gradient step, for comparison: {0} starts from the same gradient but takes a step of its own (below).</source>
        <translation>这是普通梯度下降的一步，仅供对照：{0} 从同一个梯度出发，但走的是它自己的一步（见下）。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="151" />
        <source>The delta rule</source>
        <translation>delta 规则</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="172" />
        <source>g: the gradient on this step's mini-batch, {0} of the {1} samples</source>
        <translation>g：这一步小批量上的梯度，{1} 个样本中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="180" />
        <source>Ruder's form is the same method: his point φ = θ + η·μ·b = {0} moves by momentum alone to the look-ahead point φ − μ·v (v = η·b) = θ, takes the gradient there, and steps v ← μ·v + η·g, φ ← φ − v; so θ is where he looks ahead to.</source>
        <translation>Ruder 的写法是同一种方法：他的点 φ = θ + η·μ·b = {0} 先只靠动量移到前瞻点 φ − μ·v（v = η·b），这正是 θ；在那里求梯度，再按 v ← μ·v + η·g、φ ← φ − v 更新。所以 θ 就是他向前看到的那个点。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="184" />
        <source>Next step of {0} (t = {1}, η = {2})</source>
        <translation>{0} 的下一步（t = {1}, η = {2}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="201" />
        <source>{0}: {1}  ({2})</source>
        <translation>{0}：{1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="207" />
        <source>Diverging</source>
        <translation>正在发散</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="207" />
        <source>The loss has grown a thousandfold and grows at every step: each step overshoots by more than the last. Try a smaller η.</source>
        <translation>损失已经增大到原来的一千倍以上，而且每一步都在继续增大：每一步都比上一步冲得更远。试试更小的 η。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="214" />
        <source>Converged at step {0}</source>
        <translation>在第 {0} 步收敛</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="215" />
        <source>‖∇L‖ fell below the tolerance, so there is no next step.</source>
        <translation>‖∇L‖ 已经小于收敛阈值，所以没有下一步了。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="217" />
        <location filename="../../gdsim/ui/formula.py" line="223" />
        <source>Stuck at step {0}: ∇L = 0</source>
        <translation>在第 {0} 步停滞：∇L = 0</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="218" />
        <source>The activation's slope f′(h) is 0 at every sample the model gets wrong, so every term of the gradient is 0 although the errors are not (the loss is still {0}). This is no minimum, but the gradient shows no way down, so the run stops here.</source>
        <translation>在模型判错的每个样本处，激活函数的斜率 f′(h) 都是 0，所以梯度的每一项都是 0，尽管误差并不为零（损失仍是 {0}）。这里不是最小值点，但梯度指不出下坡的方向，所以运行停在这里。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="224" />
        <source>This is a saddle point: the gradient is 0, yet the loss falls along another direction. The gradient shows no way down, so the run stops here; start a little off it.</source>
        <translation>这是一个鞍点：梯度为 0，但沿另一个方向损失还会下降。梯度指不出下坡的方向，所以运行停在这里；把起点稍微挪开一点试试。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="227" />
        <source>Stopped at step {0}: not defined there</source>
        <translation>在第 {0} 步停止：那里无定义</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="230" />
        <source>The step lands at {0}, where the function or its slope is not defined (such as the log of a negative number, or a division by 0). The point shown is the last one where both are. Try a smaller η, or another start.</source>
        <translation>这一步落在 {0}，函数或其斜率在那里无定义（例如负数的对数，或除以 0）。图中显示的点是两者都有定义的最后一个点。试试更小的 η，或换一个起点。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="234" />
        <source>Diverged at step {0}</source>
        <translation>在第 {0} 步发散</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="235" />
        <source>The loss or the parameters stopped being finite numbers; the point shown is the last finite one. Try a smaller η.</source>
        <translation>损失或参数已经不再是有限的数；图中显示的是最后一个有限的点。试试更小的 η。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="238" />
        <source>Held at the step limit</source>
        <translation>已达到步数上限</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="239" />
        <source>Raise the step limit to let the run go on.</source>
        <translation>提高步数上限，就可以继续运行。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="312" />
        <source>m*, v*: the running means corrected for starting at zero</source>
        <translation>m*、v*：修正了从零开始所带来偏差的滑动平均</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="318" />
        <source>without the correction the step would be {0} times as long:</source>
        <translation>如果不修正，步长会是现在的 {0} 倍：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="352" />
        <source>v*: the running mean of g² corrected for starting at zero</source>
        <translation>v*：修正了从零开始所带来偏差的 g² 的滑动平均</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="369" />
        <source>Convention: L = ½ Σ (y − ŷ)² (the tutorial calls this error E). The ½ cancels the 2 of the square's derivative, so a gradient step is exactly the delta rule. (Without the ½, as in the tutorial's C = Σ (wx + b − y)², the derivative is ∂C/∂w = 2 Σ (wx + b − y)·x.)</source>
        <translation>约定：L = ½ Σ (y − ŷ)²（教程里把这个误差记作 E）。这里的 ½ 正好抵消平方求导得到的 2，所以梯度下降的一步恰好就是 delta 规则。（如果没有 ½，比如教程中的 C = Σ (wx + b − y)²，它的导数是 ∂C/∂w = 2 Σ (wx + b − y)·x。）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="372" />
        <source>Convention: L = (1/N) Σ (y − ŷ)², as PyTorch's MSELoss; its derivative carries the factor 2/N.</source>
        <translation>约定：L = (1/N) Σ (y − ŷ)²，与 PyTorch 的 MSELoss 相同；它的导数带有系数 2/N。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="374" />
        <source>Convention: L = 1/(2N) Σ (y − ŷ)². The ½ cancels the 2 of the square's derivative, so ∂L/∂w = (1/N) Σ (ŷ − y)·x: the tutorial's formulas. At the same point SSE's gradient is N times this one and MSE's 2 times.</source>
        <translation>约定：L = 1/(2N) Σ (y − ŷ)²。½ 抵消了平方求导得到的 2，所以 ∂L/∂w = (1/N) Σ (ŷ − y)·x，正是教程中的公式。在同一点上，SSE 的梯度是它的 N 倍，MSE 的梯度是它的 2 倍。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/formula.py" line="377" />
        <source>Convention: L is the mean binary cross-entropy; with the sigmoid its derivative with respect to h is simply (ŷ − y)/N.</source>
        <translation>约定：L 是平均二元交叉熵；配合 Sigmoid 时，它对 h 的导数就是 (ŷ − y)/N。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="32" />
        <source>PyOpenGL is not installed (pip install 'gdsim[3d]')</source>
        <translation>没有安装 PyOpenGL（pip install 'gdsim[3d]'）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="33" />
        <source>the '{0}' platform has no OpenGL (a window without a screen)</source>
        <translation>“{0}”平台没有 OpenGL（没有屏幕的窗口）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="35" />
        <source>no OpenGL context could be made here ({0})</source>
        <translation>无法在这里创建 OpenGL 上下文（{0}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="36" />
        <source>no reason given</source>
        <translation>没有给出原因</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="37" />
        <source>OpenGL {0} is too old: 2.1 or later is needed (a remote desktop often offers only 1.1)</source>
        <translation>OpenGL {0} 版本太旧：需要 2.1 或更新的版本（远程桌面往往只提供 1.1）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/gl_support.py" line="39" />
        <source>only OpenGL ES is available here ({0}); desktop OpenGL 2.1 is needed</source>
        <translation>这里只有 OpenGL ES（{0}）；需要桌面版 OpenGL 2.1</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/loss_view.py" line="59" />
        <location filename="../../gdsim/ui/lr_view.py" line="36" />
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/loss_view.py" line="108" />
        <source>‖∇L‖ of {0}</source>
        <translation>‖∇L‖（{0}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/loss_view.py" line="108" />
        <source>‖∇L‖ (gradient norm)</source>
        <translation>‖∇L‖（梯度的模）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="346" />
        <source>loss over {0}, {1} ({2} held)</source>
        <translation>损失：{0}、{1}（{2} 不变）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="349" />
        <source>Parameter space</source>
        <translation>参数空间</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="352" />
        <source>The start: drag it, or click anywhere, to start from there</source>
        <translation>起点：拖动它，或在任意位置点击，就从那里出发</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="353" />
        <source>A minimum of the loss</source>
        <translation>损失的一个极小值点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="391" />
        <source>landscape estimated from {0} of {1} samples</source>
        <translation>损失地形由 {1} 个样本中的 {0} 个估计</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="565" />
        <source>slope L′(x) = {0}</source>
        <translation>斜率 L′(x) = {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="629" />
        <source>φ: look-ahead −μ·v</source>
        <translation>φ：前瞻 −μ·v</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/parameter_view.py" line="641" />
        <source>arrows drawn ×{0}</source>
        <translation>箭头放大 ×{0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/schedule_box.py" line="66" />
        <source>{0}; allowed {1}, default {2}</source>
        <translation>{0}；允许 {1}，默认 {2}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/secant_view.py" line="51" />
        <source>secant: h = {0}</source>
        <translation>割线：h = {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/secant_view.py" line="55" />
        <source>Shrink h: the secant through x and x + h turns into the tangent</source>
        <translation>把 h 调小：过 x 和 x + h 的割线逐渐变成切线</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/secant_view.py" line="148" />
        <source>secant's slope
(L(x + h) − L(x)) / h = {0}
tangent's slope L′(x) = {1}</source>
        <translation>割线斜率
(L(x + h) − L(x)) / h = {0}
切线斜率 L′(x) = {1}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/slice_view.py" line="86" />
        <source>loss along {0}, {1} held</source>
        <translation>沿 {0} 方向的损失（{1} 固定）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/slice_view.py" line="89" />
        <source>estimated from {0} samples</source>
        <translation>由 {0} 个样本估计</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_view.py" line="220" />
        <source>The loss as a surface in 3-D</source>
        <translation>三维曲面形式的损失</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_view.py" line="231" />
        <source>loss (log scale)</source>
        <translation>损失（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="105" />
        <source>gdsim — the loss as a surface in 3-D</source>
        <translation>gdsim — 损失的三维曲面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="106" />
        <source>Reset the camera</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="107" />
        <source>Log height</source>
        <translation>高度用对数坐标</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="108" />
        <source>Drag to turn · wheel to zoom · Home: the first view · the arrow: −∇L</source>
        <translation>拖动旋转 · 滚轮缩放 · Home 键：初始视角 · 箭头：−∇L</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="109" />
        <source>&amp;Log height (L)</source>
        <translation>高度用对数坐标(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="110" />
        <source>The height grows with the logarithm of the loss: the floor of a valley shows</source>
        <translation>高度随损失的对数增长：谷底的起伏也能看清</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/surface_window.py" line="119" />
        <source>The 3-D surface shows a loss of two parameters; this problem has {0}. Choose a problem of two parameters, a function of x and y, or a model with one input (w and b).</source>
        <translation>三维曲面只能显示两个参数的损失；这个目标函数有 {0} 个参数。请选择一个两个参数的目标函数、一个关于 x 和 y 的函数，或者只有一个输入的模型（权重 w 和偏置 b）。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="24" />
        <source>momentum: −η·μ·b</source>
        <translation>动量：−η·μ·b</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="26" />
        <source>momentum and rescaling</source>
        <translation>动量与缩放</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="27" />
        <source>rescaling by past gradients</source>
        <translation>按以往梯度缩放</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="34" />
        <source>step −η·∇L</source>
        <translation>这一步 −η·∇L</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="37" />
        <source>−η·∇L</source>
        <translation>−η·∇L</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/update_parts.py" line="39" />
        <source>step taken</source>
        <translation>实际走的一步</translation>
    </message>
</context>
<context>
    <name>BasinPanel</name>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="146" />
        <source>Grid (cells a side):</source>
        <translation>网格（每边格数）：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="147" />
        <source>Steps at most:</source>
        <translation>最多步数：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="148" />
        <source>Compare with:</source>
        <translation>对比：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="149" />
        <source>An n × n grid of starts over the region shown, one at the centre of each cell</source>
        <translation>在显示区域上取 n × n 个起点，每格中心一个</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="151" />
        <source>Make the map</source>
        <translation>生成吸引域图</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="152" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="153" />
        <source>step %v of %m</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="154" />
        <source>Click a cell of the map to run from there.</source>
        <translation>点击图中任一格，即从该处开始运行。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="158" />
        <source>nothing (one map)</source>
        <translation>不对比（只画一张图）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="160" />
        <source>η × {0}</source>
        <translation>η × {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="229" />
        <source>Cancelled: no map.</source>
        <translation>已取消：没有生成吸引域图。</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="291" />
        <source>Problem</source>
        <translation>目标函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="292" />
        <source>Landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="293" />
        <source>A&amp;cross</source>
        <translation>横轴(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="294" />
        <source>&amp;Up</source>
        <translation>纵轴(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="295" />
        <source>The two parameters the landscape and the paths show; the others are held where the watched run is</source>
        <translation>损失曲面和路径所显示的两个参数；其余参数保持在所查看的运行当前所在的值</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="297" />
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="298" />
        <source>η schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="299" />
        <source>Mini-batches</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="301" />
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="302" />
        <source>Pace</source>
        <translation>运行控制</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="304" />
        <source>&amp;Problem</source>
        <translation>目标函数(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="304" />
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="305" />
        <source>&amp;Loss</source>
        <translation>损失函数(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="305" />
        <source>&amp;Activation</source>
        <translation>激活函数(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="306" />
        <source>&amp;Optimizers</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="306" />
        <source>&amp;Watch</source>
        <translation>查看对象(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="307" />
        <source>&amp;Speed</source>
        <translation>速度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="308" />
        <source>Step &amp;limit</source>
        <translation>步数上限(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="308" />
        <source>&amp;Tolerance</source>
        <translation>收敛阈值(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="309" />
        <source>&amp;Batch size</source>
        <translation>批大小(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="309" />
        <source>S&amp;eed</source>
        <translation>随机种子(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="324" />
        <location filename="../../gdsim/ui/controls.py" line="603" />
        <location filename="../../gdsim/ui/controls.py" line="605" />
        <source>Placed by hand</source>
        <translation>手动放置的数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="338" />
        <source>The run that the η field, the arrows, the tangent and the formulas are about</source>
        <translation>η 输入框、箭头、切线和公式所针对的那一次运行</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="341" />
        <source>The function whose minimum gradient descent looks for</source>
        <translation>梯度下降要寻找其最小值的函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="342" />
        <source>The data the model is fitted to</source>
        <translation>模型要拟合的数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="343" />
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="345" />
        <source>How the error between ŷ and y is measured</source>
        <translation>衡量 ŷ 与 y 之间误差的方式</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="346" />
        <source>The neuron's activation function f and its derivative f′</source>
        <translation>神经元的激活函数 f 及其导数 f′</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="348" />
        <source>Tick the optimizers to run side by side from the same start (update rules as in PyTorch's torch.optim); the selected one's hyperparameters are shown below</source>
        <translation>勾选要从同一起点并排运行的优化器（更新规则与 PyTorch 的 torch.optim 一致）；下方显示选中的那个优化器的超参数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="350" />
        <source>Problem's own start</source>
        <translation>目标函数的默认起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="351" />
        <source>Go back to the start this problem suggests</source>
        <translation>回到这个目标函数建议的起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="352" />
        <source>Steps per second; at the right end, as fast as the computer can</source>
        <translation>每秒走几步；拖到最右端时，电脑能多快就多快</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="353" />
        <source>The run stops after this many steps</source>
        <translation>走到这么多步就停止</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="355" />
        <source>How many samples each step's gradient is taken on: the whole data (batch gradient descent), 1 (stochastic gradient descent) or any number between (mini-batch); the data is shuffled every time it has all been used</source>
        <translation>每一步的梯度用多少个样本来算：全部数据（批量梯度下降）、1 个（随机梯度下降），或介于两者之间的任意个数（小批量梯度下降）；每当全部数据都用过一遍，就重新打乱顺序</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="358" />
        <source>Sets the order of the shuffled samples: the same seed, the same batches</source>
        <translation>决定打乱后样本的顺序：种子相同，批次就相同</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="361" />
        <source>The run has converged when the gradient norm ‖∇L‖ falls below this (0: never stop early)</source>
        <translation>当梯度的模 ‖∇L‖ 小于这个值时，就认为已经收敛（0 表示不提前停止）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="364" />
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="365" />
        <source>Take exactly one step (→)</source>
        <translation>只走一步（→）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="366" />
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="367" />
        <source>Go back to the start (R)</source>
        <translation>回到起点（R）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="368" />
        <source>Hide this message</source>
        <translation>隐藏这条消息</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="376" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="376" />
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="377" />
        <source>Run or pause gradient descent (Space)</source>
        <translation>开始或暂停梯度下降（空格键）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="380" />
        <source>Where {0} starts; you can also click or drag on the plot</source>
        <translation>{0} 的起始值；也可以在图上点击或拖动来设置</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="398" />
        <source>Load data from a CSV file with a header row and columns x (or x1, x2, …) and y</source>
        <translation>从 CSV 文件载入数据：第一行是表头，列名为 x（或 x1、x2、…）和 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="489" />
        <source>all {0} (batch)</source>
        <translation>全部 {0} 个（批量）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="588" />
        <source>Your own function…</source>
        <translation>你自己的函数…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="630" />
        <source>&amp;η (learning rate)</source>
        <translation>学习率 η(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="635" />
        <source>{0}: {1}; allowed {2}, default {3}</source>
        <translation>{0}：{1}；取值范围 {2}，默认 {3}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="667" />
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="669" />
        <source>1 step per second</source>
        <translation>每秒 1 步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="671" />
        <source>{0} steps per second</source>
        <translation>每秒 {0} 步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="704" />
        <location filename="../../gdsim/ui/controls.py" line="715" />
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/controls.py" line="705" />
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <location filename="../../gdsim/ui/formula_panel.py" line="39" />
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
</context>
<context>
    <name>FunctionEditor</name>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="128" />
        <source>F&amp;unction</source>
        <translation>函数(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="128" />
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="128" />
        <source>&amp;x range</source>
        <translation>&amp;x 的范围</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="129" />
        <source>&amp;y range</source>
        <translation>&amp;y 的范围</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="131" />
        <source>Choose one…</source>
        <translation>选一个…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="133" />
        <source>A function of x, or of x and y: numbers, x, y, pi, e, + − * / ^ (power), parentheses and sin, cos, tan, exp, log, log10, sqrt, abs, tanh, sinh, cosh, arctan, sigmoid, min, max. Press Enter to use it.</source>
        <translation>关于 x，或关于 x 和 y 的函数：可用数、x、y、pi、e、+ − * / ^（幂）、括号以及 sin、cos、tan、exp、log、log10、sqrt、abs、tanh、sinh、cosh、arctan、sigmoid、min、max。按回车键使用它。</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="136" />
        <source>Fit the range to the path</source>
        <translation>让范围贴合路径</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/function_editor.py" line="137" />
        <source>Draw the range the watched run has gone through, with a margin</source>
        <translation>画出所观察的运行走过的范围，并留出边距</translation>
    </message>
</context>
<context>
    <name>JobIndicator</name>
    <message>
        <location filename="../../gdsim/ui/job_indicator.py" line="59" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LrOffer</name>
    <message>
        <location filename="../../gdsim/ui/lr_offer.py" line="35" />
        <source>η stays {0} (suggested: {1})</source>
        <translation>η 仍为 {0}（建议：{1}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/lr_offer.py" line="39" />
        <source>Use η = {0}</source>
        <translation>改用 η = {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/lr_offer.py" line="43" />
        <source>Every η stays (suggested: {0})</source>
        <translation>各个 η 不变（建议：{0}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/lr_offer.py" line="44" />
        <source>Use the suggested η</source>
        <translation>改用建议的 η</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/lr_offer.py" line="47" />
        <source>Give the runs the η this problem suggests, from the next step on</source>
        <translation>从下一步起，各次运行改用这个目标函数建议的 η</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="172" />
        <source>gdsim — watch gradient descent work</source>
        <translation>gdsim —— 看梯度下降如何工作</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="173" />
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="174" />
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="175" />
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="177" />
        <source>Lesson</source>
        <translation>本课</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="178" />
        <source>Basins of attraction</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="187" />
        <source>The scale of text and lines (Ctrl + / Ctrl −, View → Scale)</source>
        <translation>文字和线条的缩放比例（Ctrl + / Ctrl −，视图 → 缩放）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="240" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="244" />
        <source>Refining the landscape…</source>
        <translation>正在细化损失地形…</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="249" />
        <location filename="../../gdsim/ui/main_window.py" line="271" />
        <source>Open lesson</source>
        <translation>打开课件</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="257" />
        <location filename="../../gdsim/ui/main_window.py" line="279" />
        <source>Save the setup as a lesson</source>
        <translation>把当前设置存为课件</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="272" />
        <source>Lessons (*.toml);;All files (*)</source>
        <translation>课件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="280" />
        <source>Lessons (*.toml)</source>
        <translation>课件 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="283" />
        <source>Lesson title</source>
        <translation>课件标题</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="283" />
        <source>Title of the lesson:</source>
        <translation>这一课的标题：</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="415" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="415" />
        <location filename="../../gdsim/ui/main_window.py" line="425" />
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="416" />
        <source>converged at step {0}</source>
        <translation>在第 {0} 步收敛</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="417" />
        <source>stuck at step {0}: ∇L = 0, yet no minimum</source>
        <translation>在第 {0} 步停滞：∇L = 0，但这里不是最小值点</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="418" />
        <source>diverged at step {0}</source>
        <translation>在第 {0} 步发散</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="419" />
        <source>stopped at the step limit</source>
        <translation>已达到步数上限</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="424" />
        <source>diverging: the loss keeps growing</source>
        <translation>正在发散：损失不断增大</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="427" />
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="428" />
        <source>loss {0}</source>
        <translation>损失 {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="429" />
        <source>‖∇L‖ {0}</source>
        <translation>‖∇L‖ {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="430" />
        <source>η {0}</source>
        <translation>η {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="442" />
        <source>stopped at step {0}: the slope of L is not defined at {1}</source>
        <translation>在第 {0} 步停止：L 的斜率在 {1} 处无定义</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="444" />
        <source>stopped at step {0}: L is not defined at {1}</source>
        <translation>在第 {0} 步停止：L 在 {1} 处无定义</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="447" />
        <source>About gdsim</source>
        <translation>关于 gdsim</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/main_window.py" line="448" />
        <source>&lt;p&gt;&lt;b&gt;gdsim&lt;/b&gt; lets you watch gradient descent work.&lt;/p&gt;&lt;p&gt;Each step moves the parameters against the slope of the loss: θ ← θ − η·∇L(θ). The optimizers follow PyTorch's torch.optim update rules.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;gdsim&lt;/b&gt; 让你亲眼看到梯度下降是怎样工作的。&lt;/p&gt;&lt;p&gt;每一步都逆着损失的斜率移动参数：θ ← θ − η·∇L(θ)。各个优化器的更新规则与 PyTorch 的 torch.optim 一致。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MapCard</name>
    <message>
        <location filename="../../gdsim/ui/basin_panel.py" line="75" />
        <source>{0} starts</source>
        <translation>{0} 个起点</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <location filename="../../gdsim/ui/schedule_box.py" line="42" />
        <location filename="../../gdsim/ui/schedule_box.py" line="75" />
        <source>How η changes from step to step: update t uses ηₜ = η·λ(t)</source>
        <translation>η 如何随步数变化：第 t 次更新使用 ηₜ = η·λ(t)</translation>
    </message>
</context>
<context>
    <name>basins</name>
    <message>
        <location filename="../../gdsim/model/basin_map.py" line="21" />
        <source>minimum {number}</source>
        <translation>极小值 {number}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/basin_map.py" line="23" />
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/basin_map.py" line="24" />
        <source>stuck (∇L = 0, no minimum)</source>
        <translation>停滞（∇L = 0，但不是极小值）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/basin_map.py" line="25" />
        <source>still moving</source>
        <translation>仍在移动</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="30" />
        <source>problem {name!r} is a typed function; {given} applies only to linreg and neuron</source>
        <translation>目标函数 {name!r} 是输入的函数；{given} 只适用于 linreg 和 neuron</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="32" />
        <source>problem {name!r} is a typed function; {given} apply only to linreg and neuron</source>
        <translation>目标函数 {name!r} 是输入的函数；{given} 只适用于 linreg 和 neuron</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="35" />
        <source>problem {name!r} needs a function, the text of one such as "x^4 - 3*x^2 + x"</source>
        <translation>目标函数 {name!r} 需要一个函数，写成文字，例如 "x^4 - 3*x^2 + x"</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="40" />
        <source>{given} applies only to the problem 'custom' (a typed function), not to {name!r}</source>
        <translation>{given} 只适用于目标函数 'custom'（输入的函数），不适用于 {name!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="42" />
        <source>{given} apply only to the problem 'custom' (a typed function), not to {name!r}</source>
        <translation>{given} 只适用于目标函数 'custom'（输入的函数），不适用于 {name!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="48" />
        <location filename="../../gdsim/engine/catalog.py" line="68" />
        <source>problem {name!r} is a fixed function; {given} applies only to linreg and neuron</source>
        <translation>目标函数 {name!r} 是一个固定的函数；{given} 只适用于 linreg 和 neuron</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="50" />
        <location filename="../../gdsim/engine/catalog.py" line="70" />
        <source>problem {name!r} is a fixed function; {given} apply only to linreg and neuron</source>
        <translation>目标函数 {name!r} 是一个固定的函数；{given} 只适用于 linreg 和 neuron</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="61" />
        <source>{given} applies only when the problem is given by name (here it is the problem {name!r} itself)</source>
        <translation>{given} 只在按名称给出目标函数时适用（这里给出的是目标函数 {name!r} 本身）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="63" />
        <source>{given} apply only when the problem is given by name (here it is the problem {name!r} itself)</source>
        <translation>{given} 只在按名称给出目标函数时适用（这里给出的是目标函数 {name!r} 本身）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/catalog.py" line="97" />
        <source>data must be a built-in dataset name, a CSV file, or a pair (X, y); got {kind}</source>
        <translation>数据必须是内置数据集的名称、一个 CSV 文件或一对 (X, y)，而给出的是 {kind}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/chain_rule.py" line="75" />
        <source>the chain rule needs a model fitted to data (linreg or neuron); problem {name!r} is a fixed function</source>
        <translation>链式法则需要用数据拟合的模型（linreg 或 neuron）；目标函数 {name!r} 是一个固定的函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/chain_rule.py" line="78" />
        <location filename="../../gdsim/engine/problems.py" line="83" />
        <source>the parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/chain_rule.py" line="80" />
        <source>the chain rule takes one point of {dim} parameters ({names}), got shape {shape}</source>
        <translation>链式法则只接受一个含 {dim} 个参数（{names}）的点，收到的形状是 {shape}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/chain_rule.py" line="85" />
        <source>the chain rule needs finite parameters, got {point}</source>
        <translation>链式法则需要有限的参数值，收到的是 {point}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/chain_rule.py" line="120" />
        <source>the rows must be a non-empty list of whole numbers from 0 to {last}</source>
        <translation>行号必须是一个非空列表，每个都是 0 到 {last} 之间的整数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="39" />
        <source>data file {path} does not exist</source>
        <translation>数据文件 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="40" />
        <source>data file {path} is a folder, not a CSV file</source>
        <translation>数据文件 {path} 是一个文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="41" />
        <source>data file {path} is not a regular file (it is a {kind}); gdsim reads data only from files</source>
        <translation>数据文件 {path} 不是普通文件（它是{kind}）；gdsim 只从普通文件读取数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="44" />
        <location filename="../../gdsim/files.py" line="58" />
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="45" />
        <source>block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="46" />
        <location filename="../../gdsim/files.py" line="59" />
        <source>FIFO</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="47" />
        <location filename="../../gdsim/files.py" line="52" />
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="49" />
        <location filename="../../gdsim/files.py" line="54" />
        <source>special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="50" />
        <source>cannot read data file {path}: {reason}</source>
        <translation>无法读取数据文件 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="51" />
        <source>data file {path} is larger than {limit} MB; gdsim reads CSV files of up to {limit} MB</source>
        <translation>数据文件 {path} 大于 {limit} MB；gdsim 只读取不超过 {limit} MB 的 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="53" />
        <source>cannot read data file {path}: line {line} is not UTF-8 text; save the file as CSV in UTF-8</source>
        <translation>无法读取数据文件 {path}：第 {line} 行不是 UTF-8 文本；请把文件存为 UTF-8 编码的 CSV</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="55" />
        <source>data file {path} has more than {limit:,} lines; gdsim reads at most {rows:,} rows of data</source>
        <translation>数据文件 {path} 超过 {limit:,} 行；gdsim 最多读取 {rows:,} 行数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="57" />
        <source>data file {path} has {count:,} rows, more than {limit:,} rows; gdsim reads at most {limit:,}</source>
        <translation>数据文件 {path} 有 {count:,} 行数据，超过了 {limit:,} 行；gdsim 最多读取 {limit:,} 行</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="59" />
        <source>data file {path} holds {count:,} values ({rows:,} rows × {columns} columns); gdsim reads at most {limit:,} values</source>
        <translation>数据文件 {path} 含有 {count:,} 个值（{rows:,} 行 × {columns} 列）；gdsim 最多读取 {limit:,} 个值</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="62" />
        <source>data file {path} is empty; it needs a header row with columns x (or x1, x2, …) and y</source>
        <translation>数据文件 {path} 是空的；它需要一个表头行，列名为 x（或 x1、x2、…）和 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="64" />
        <source>data file {path} has a header but no data rows</source>
        <translation>数据文件 {path} 只有表头，没有数据行</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="65" />
        <source>{path}, line {line}: a quote is not closed or is followed by more text ({reason}); quote whole fields only, such as "1.5"</source>
        <translation>{path}，第 {line} 行：有一个引号没有闭合，或者引号后面还跟着别的文字（{reason}）；引号只能括住整个字段，比如 "1.5"</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="68" />
        <source>{path}, line {line}: a field is longer than {limit:,} characters</source>
        <translation>{path}，第 {line} 行：有一个字段超过了 {limit:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="70" />
        <source>{path}, line {line}: the file holds a NUL character; it is not a text file</source>
        <translation>{path}，第 {line} 行：文件中有 NUL 字符；它不是文本文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="72" />
        <source>{path}, line {line}: expected {expected} values ({columns}), found {found}</source>
        <translation>{path}，第 {line} 行：应有 {expected} 个值（{columns}），实际有 {found} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="74" />
        <source>{path}, line {line}: {column} is not a number: {cell!r}</source>
        <translation>{path}，第 {line} 行：{column} 不是一个数：{cell!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/csv_file.py" line="75" />
        <source>{path}, line {line}: {column} must be finite, got {cell!r}</source>
        <translation>{path}，第 {line} 行：{column} 必须是有限的数，而读到的是 {cell!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="120" />
        <source>the range must be a pair [low, high] for x, or one for x and one for y, such as [-3, 3] or [[-3, 3], [-2, 2]]; got {got}</source>
        <translation>范围必须是 x 的一对数 [下限，上限]，或 x 和 y 各一对，例如 [-3, 3] 或 [[-3, 3], [-2, 2]]；得到的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="136" />
        <source>the function uses y, so the range needs a pair for x and one for y, such as [[-3, 3], [-3, 3]]; got {got}</source>
        <translation>函数用到了 y，所以范围需要 x 一对、y 一对，例如 [[-3, 3], [-3, 3]]；得到的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="141" />
        <source>the range of {name}</source>
        <translation>{name} 的范围</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="145" />
        <source>the range of {name} must go from a lower to a higher number, got [{low:g}, {high:g}]</source>
        <translation>{name} 的范围必须从较小的数到较大的数，得到的是 [{low:g}, {high:g}]</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="150" />
        <source>the range of {name} must lie within ±{limit:g} and be at least {width:g} wide, got [{low:g}, {high:g}]</source>
        <translation>{name} 的范围必须在 ±{limit:g} 之内，且宽度至少为 {width:g}，得到的是 [{low:g}, {high:g}]</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/custom.py" line="183" />
        <source>the function {text!r} or its slope is not defined anywhere in the range {range} (tried {count} points); choose another range or function</source>
        <translation>函数 {text!r} 或其斜率在范围 {range} 内处处无定义（试了 {count} 个点）；请换一个范围或函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="49" />
        <source>unknown dataset {name!r}; give a CSV file or one of: {valid}</source>
        <translation>未知的数据集 {name!r}；请给出一个 CSV 文件，或从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="53" />
        <source>data must be a built-in dataset name or the path of a CSV file, got {got}</source>
        <translation>数据必须是内置数据集的名称或一个 CSV 文件的路径，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="57" />
        <source>data must be X of shape (N, k) and y of shape (N,) with N ≥ 1; got X {x_shape} and y {y_shape}</source>
        <translation>数据必须是形状为 (N, k) 的 X 和形状为 (N,) 的 y，且 N ≥ 1；而给出的是 X {x_shape} 和 y {y_shape}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="62" />
        <source>data must be finite numbers (no NaN or infinity)</source>
        <translation>数据必须是有限的数（不能有 NaN 或无穷大）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="66" />
        <source>data has {count} input columns; gdsim's models take at most {limit}</source>
        <translation>数据有 {count} 个输入列；gdsim 的模型最多接受 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="70" />
        <source>data file {path} has {count} input columns; gdsim's models take at most {limit}</source>
        <translation>数据文件 {path} 有 {count} 个输入列；gdsim 的模型最多接受 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="74" />
        <source>{path}, line {line}: {column} = {value:g} is too large; data values must lie between -{limit:g} and {limit:g}, so that the model's loss can be computed</source>
        <translation>{path}，第 {line} 行：{column} = {value:g} 太大了；数据的值必须在 -{limit:g} 和 {limit:g} 之间，模型的损失才能算得出来</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="79" />
        <source>row {row}: {column} = {value:g} is too large; data values must lie between -{limit:g} and {limit:g}, so that the model's loss can be computed</source>
        <translation>第 {row} 个样本：{column} = {value:g} 太大了；数据的值必须在 -{limit:g} 和 {limit:g} 之间，模型的损失才能算得出来</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="84" />
        <source>data file {path}: a column name appears twice in the header {header}</source>
        <translation>数据文件 {path}：表头 {header} 中有重复的列名</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="88" />
        <source>data file {path}: the header has no column y; it needs columns x (or x1, x2, …) and y</source>
        <translation>数据文件 {path}：表头中没有 y 列；需要的列是 x（或 x1、x2、…）和 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="92" />
        <source>data file {path}: unexpected column {name!r}; allowed are columns x (or x1, x2, …) and y</source>
        <translation>数据文件 {path}：出现了意外的列 {name!r}；允许的列是 x（或 x1、x2、…）和 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="97" />
        <source>data file {path}: input columns {columns} are not x or x1…xk numbered from 1; it needs columns x (or x1, x2, …) and y</source>
        <translation>数据文件 {path}：输入列 {columns} 既不是 x，也不是从 1 开始编号的 x1…xk；需要的列是 x（或 x1、x2、…）和 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="130" />
        <source>the data's X</source>
        <translation>数据的 X</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/datasets.py" line="131" />
        <source>the data's y</source>
        <translation>数据的 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="32" />
        <source>unknown problem {name!r}; choose one of: {valid}</source>
        <translation>未知的目标函数 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="33" />
        <source>unknown optimizer {name!r}; choose one of: {valid}</source>
        <translation>未知的优化器 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="34" />
        <source>unknown activation {name!r}; choose one of: {valid}</source>
        <translation>未知的激活函数 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="35" />
        <source>unknown loss {name!r}; choose one of: {valid}</source>
        <translation>未知的损失函数 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="36" />
        <source>unknown dataset {name!r}; choose one of: {valid}</source>
        <translation>未知的数据集 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="37" />
        <source>unknown model {name!r}; choose one of: {valid}</source>
        <translation>未知的模型 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="38" />
        <source>unknown schedule {name!r}; choose one of: {valid}</source>
        <translation>未知的学习率调度 {name!r}；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="53" />
        <source>{what} must be a number, got {text!r}</source>
        <translation>{what} 必须是一个数，而输入的是 {text!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="54" />
        <source>{what} must be a finite number, got {text!r}</source>
        <translation>{what} 必须是一个有限的数，而输入的是 {text!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="55" />
        <source>{what} must be a real number, not a complex one; got {text!r}</source>
        <translation>{what} 必须是实数，不能是复数；而输入的是 {text!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="93" />
        <source>{what} must be a whole number ≥ {low}, got {value!r}</source>
        <translation>{what} 必须是 ≥ {low} 的整数，而给出的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="95" />
        <source>{what} must be a whole number from {low} to {high}, got {value!r}</source>
        <translation>{what} 必须是从 {low} 到 {high} 的整数，而给出的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="99" />
        <source>{what} must be real numbers (not text, True/False or complex numbers), got {value!r}</source>
        <translation>{what} 必须是实数（不能是文字、True/False 或复数），而给出的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="101" />
        <source>{what} must be numbers in rows of equal length, got {value!r}</source>
        <translation>{what} 必须是每行长度相同的数，而给出的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/errors.py" line="103" />
        <source>{what} must be finite numbers, got {value!r}</source>
        <translation>{what} 必须是有限的数，而给出的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="147" />
        <source>a function must be text such as "x^2 + 3*y^2", got {kind}</source>
        <translation>函数必须是文字，例如 "x^2 + 3*y^2"，得到的是 {kind}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="150" />
        <source>column {column}: the function is longer than {limit} characters</source>
        <translation>第 {column} 列：函数超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="155" />
        <source>column {column}: the function is empty; type one, such as x^2 or x^2 + 3*y^2</source>
        <translation>第 {column} 列：函数是空的；请输入一个，例如 x^2 或 x^2 + 3*y^2</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="188" />
        <source>column {column}: the function nests more than {limit} deep</source>
        <translation>第 {column} 列：函数嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="193" />
        <source>column {column}: '=' is not allowed; type only the right-hand side, such as x^2 for L(x) = x^2</source>
        <translation>第 {column} 列：不允许使用 '='；只输入右边，例如 L(x) = x^2 只写 x^2</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="197" />
        <source>column {column}: quotes are not allowed; a function holds numbers, not text</source>
        <translation>第 {column} 列：不允许使用引号；函数里只有数，没有文字</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="200" />
        <source>column {column}: {char} is not allowed; group with ( and )</source>
        <translation>第 {column} 列：不允许使用 {char}；请用 ( 和 ) 分组</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="203" />
        <source>column {column}: a line break is not allowed; type the function on one line</source>
        <translation>第 {column} 列：不允许换行；请把函数写在一行里</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="209" />
        <source>column {column}: the character {char} ({code}) is not allowed; write powers with ^, such as x^2</source>
        <translation>第 {column} 列：不允许使用字符 {char}（{code}）；幂请用 ^ 表示，例如 x^2</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="214" />
        <source>column {column}: the character {char} ({code}) is not allowed; type {plain} instead</source>
        <translation>第 {column} 列：不允许使用字符 {char}（{code}）；请改为输入 {plain}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="217" />
        <source>column {column}: the character {char} ({code}) is not allowed; write the function with numbers, x, y, + - * / ^, parentheses and the functions {functions}</source>
        <translation>第 {column} 列：不允许使用字符 {char}（{code}）；函数只能用数、x、y、+ - * / ^、括号和这些函数写成：{functions}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="266" />
        <source>column {column}: '.' is allowed only inside numbers such as 0.5; attribute access (.name) is not allowed</source>
        <translation>第 {column} 列：'.' 只能出现在数里，例如 0.5；不允许访问属性（.name）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="270" />
        <source>column {column}: '//' is not allowed; divide with /</source>
        <translation>第 {column} 列：不允许使用 '//'；除法请用 /</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="285" />
        <source>column {column}: {text!r} is not a number; write numbers such as 2, 0.5 or 1e-3</source>
        <translation>第 {column} 列：{text!r} 不是数；数请写成 2、0.5 或 1e-3 这样</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="303" />
        <source>column {column}: the number {text} is out of range; numbers are 0 or from 1e-300 to 1e300 in size</source>
        <translation>第 {column} 列：数 {text} 超出范围；数的大小须为 0 或在 1e-300 到 1e300 之间</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="314" />
        <source>column {column}: unknown name {name!r}; did you mean {hint}?</source>
        <translation>第 {column} 列：未知的名称 {name!r}；是不是想写 {hint}？</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="317" />
        <source>column {column}: unknown name {name!r}; the variables are x and y, the constants pi and e, and the functions {functions}</source>
        <translation>第 {column} 列：未知的名称 {name!r}；变量是 x 和 y，常数是 pi 和 e，函数有 {functions}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="351" />
        <source>column {column}: this ) closes no (</source>
        <translation>第 {column} 列：这个 ) 没有对应的 (</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="355" />
        <source>column {column}: this ( is never closed; add a )</source>
        <translation>第 {column} 列：这个 ( 没有闭合；请加上 )</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="371" />
        <source>column {column}: empty parentheses; put a number, x or y between them</source>
        <translation>第 {column} 列：括号是空的；请在里面写一个数、x 或 y</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="374" />
        <location filename="../../gdsim/engine/expression.py" line="385" />
        <source>column {column}: the function {name} needs parentheses; write {name}(…)</source>
        <translation>第 {column} 列：函数 {name} 需要括号；请写成 {name}(…)</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="380" />
        <source>column {column}: a * is missing; write {fix} for {left} times {right}</source>
        <translation>第 {column} 列：缺少 *；{left} 乘以 {right} 请写成 {fix}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="441" />
        <source>column {column}: the function ends too early; something is missing after {last!r}</source>
        <translation>第 {column} 列：函数提前结束了；{last!r} 后面缺少内容</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="446" />
        <source>column {column}: {token!r} cannot come here</source>
        <translation>第 {column} 列：{token!r} 不能出现在这里</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="477" />
        <source>column {column}: attribute access (.name) is not allowed</source>
        <translation>第 {column} 列：不允许访问属性（.name）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="478" />
        <source>column {column}: indexing with [ ] is not allowed</source>
        <translation>第 {column} 列：不允许用 [ ] 取下标</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="479" />
        <source>column {column}: lambda is not allowed</source>
        <translation>第 {column} 列：不允许使用 lambda</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="480" />
        <source>column {column}: comparisons are not allowed</source>
        <translation>第 {column} 列：不允许使用比较</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="481" />
        <source>column {column}: 'and' and 'or' are not allowed</source>
        <translation>第 {column} 列：不允许使用 'and' 和 'or'</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="482" />
        <source>column {column}: 'if … else' is not allowed</source>
        <translation>第 {column} 列：不允许使用条件表达式</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="483" />
        <source>column {column}: '*' before an argument is not allowed</source>
        <translation>第 {column} 列：参数前不允许使用 '*'</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="484" />
        <source>column {column}: a comma is allowed only between the two arguments of min and max</source>
        <translation>第 {column} 列：逗号只能出现在 min 和 max 的两个参数之间</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="487" />
        <source>column {column}: {what} is not allowed here</source>
        <translation>第 {column} 列：这里不允许使用 {what}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="514" />
        <source>column {column}: unknown name {name!r}</source>
        <translation>第 {column} 列：未知的名称 {name!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="529" />
        <source>column {column}: the exponent is too large: {size:g} (powers of powers multiply); a constant exponent is at most {limit} in size</source>
        <translation>第 {column} 列：指数太大：{size:g}（幂的幂会相乘）；常数指数的大小最多为 {limit}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="539" />
        <source>column {column}: this power is too large for a number</source>
        <translation>第 {column} 列：这个幂太大，超出了数的范围</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="565" />
        <source>column {column}: {name} takes 1 argument, got {got}</source>
        <translation>第 {column} 列：{name} 接受 1 个参数，得到 {got} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/expression.py" line="567" />
        <source>column {column}: {name} takes {want} arguments, got {got}</source>
        <translation>第 {column} 列：{name} 接受 {want} 个参数，得到 {got} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/models.py" line="164" />
        <source>linreg has no activation (it is ŷ = w·x + b); use the problem 'neuron' for activation {activation!r}</source>
        <translation>linreg 没有激活函数（它就是 ŷ = w·x + b）；要使用激活函数 {activation!r}，请选择目标函数 'neuron'</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/models.py" line="174" />
        <source>loss 'bce' needs an activation whose output lies in (0, 1), such as 'sigmoid'; {name!r} does not (its outputs lie in {range})</source>
        <translation>损失 'bce' 需要输出落在 (0, 1) 之内的激活函数，比如 'sigmoid'；{name!r} 不满足（它的输出范围是 {range}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/models.py" line="182" />
        <source>{path}, line {line}: loss 'bce' needs targets y between 0 and 1, got y = {y:g}</source>
        <translation>{path}，第 {line} 行：损失 'bce' 要求目标值 y 在 0 和 1 之间，而这里 y = {y:g}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/models.py" line="186" />
        <source>row {row}: loss 'bce' needs targets y between 0 and 1, got y = {y:g}</source>
        <translation>第 {row} 个样本：损失 'bce' 要求目标值 y 在 0 和 1 之间，而这里 y = {y:g}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/optimizers.py" line="48" />
        <location filename="../../gdsim/model/setup.py" line="68" />
        <source>the learning rate η (lr)</source>
        <translation>学习率 η（lr）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/optimizers.py" line="53" />
        <location filename="../../gdsim/engine/schedules.py" line="74" />
        <source>{what} must be in {allowed}, got {value}</source>
        <translation>{what} 必须在 {allowed} 之内，而输入的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/optimizers.py" line="110" />
        <source>{optimizer} has no hyperparameter {name!r}; its hyperparameters are: {valid}</source>
        <translation>{optimizer} 没有超参数 {name!r}；它的超参数有：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/optimizers.py" line="123" />
        <source>hyperparameters must be given by name, in a dict such as {{'lr': 0.1}}; got {got!r}</source>
        <translation>超参数必须按名称给出，放在字典里，比如 {{'lr': 0.1}}；而给出的是 {got!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/optimizers.py" line="129" />
        <source>{optimizer} needs a learning rate: give lr</source>
        <translation>{optimizer} 需要学习率：请给出 lr</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/problems.py" line="87" />
        <source>the parameters of {problem!r} must have shape (K, {dim}), got {shape}</source>
        <translation>{problem!r} 的参数的形状必须是 (K, {dim})，而给出的是 {shape}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="172" />
        <source>the loss or its gradient is not finite at the start {start}</source>
        <translation>在起点 {start} 处，损失或它的梯度不是有限的数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="176" />
        <source>a start is too far out: its loss or parameters exceed {limit:g}</source>
        <translation>起点离得太远了：它的损失或参数超过了 {limit:g}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="292" />
        <source>finish() hands over a record that kept every row; this one keeps every {every}th (give the run more history_rows)</source>
        <translation>finish() 只能交出保留了每一行的记录；这条记录每 {every} 步才保留一行（请给这次运行更大的 history_rows）</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="295" />
        <source>the rows handed over</source>
        <translation>交出的行数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="323" />
        <source>lr_at needs update numbers t ≥ 1 (whole numbers), got {t!r}</source>
        <translation>lr_at 需要更新的序号 t ≥ 1（整数），而输入的是 {t!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="428" />
        <source>this run is finished: finish() handed its record over; start a new Run to go on</source>
        <translation>这次运行已经结束：finish() 已交出它的记录；要继续，请新建一个 Run</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="482" />
        <source>problem {problem!r} has the parameters ({names}); the run has ({have})</source>
        <translation>目标函数 {problem!r} 的参数是 ({names})；而这次运行的参数是 ({have})</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="497" />
        <source>problem {problem!r} cannot go on from the point {point} reached so far: its loss or gradient there is not finite or exceeds {limit:g}</source>
        <translation>目标函数 {problem!r} 无法从目前到达的点 {point} 继续：它在那里的损失或梯度不是有限的数，或超过了 {limit:g}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="538" />
        <location filename="../../gdsim/engine/run.py" line="882" />
        <location filename="../../gdsim/engine/swarm.py" line="243" />
        <source>the number of steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="949" />
        <source>a run needs a problem made by make_problem, such as Run(make_problem('parabola'), 'sgd', [2.0]); got {problem!r}</source>
        <translation>运行需要一个由 make_problem 生成的目标函数，比如 Run(make_problem('parabola'), 'sgd', [2.0])；而给出的是 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="956" />
        <source>a start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="962" />
        <source>problem {problem!r} has 1 parameter ({names}); a start with {got} numbers does not fit</source>
        <translation>目标函数 {problem!r} 只有 1 个参数（{names}）；有 {got} 个数的起点对不上</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="964" />
        <source>problem {problem!r} has {dim} parameters ({names}); a start with {got} numbers does not fit</source>
        <translation>目标函数 {problem!r} 有 {dim} 个参数（{names}）；有 {got} 个数的起点对不上</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="967" />
        <source>problem {problem!r} has {dim} parameters ({names}); a start with 1 number does not fit</source>
        <translation>目标函数 {problem!r} 有 {dim} 个参数（{names}）；只有 1 个数的起点对不上</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="971" />
        <source>a start must be finite numbers</source>
        <translation>起点必须是有限的数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="976" />
        <source>the tolerance</source>
        <translation>收敛阈值</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="978" />
        <source>the tolerance must be ≥ 0, got {tol}</source>
        <translation>收敛阈值必须 ≥ 0，而输入的是 {tol}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="991" />
        <source>the step limit</source>
        <translation>步数上限</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="1001" />
        <source>mini-batches need a dataset model (linreg or neuron); {problem!r} has no data</source>
        <translation>小批量需要一个基于数据集的模型（linreg 或 neuron）；{problem!r} 没有数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="1005" />
        <location filename="../../gdsim/model/setup.py" line="298" />
        <source>the batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/run.py" line="1006" />
        <location filename="../../gdsim/engine/swarm.py" line="463" />
        <location filename="../../gdsim/model/setup.py" line="302" />
        <source>the seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/schedules.py" line="168" />
        <source>the schedule {schedule} has no parameter {name!r}; its parameters are: {valid}</source>
        <translation>学习率调度 {schedule} 没有参数 {name!r}；它的参数有：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/simulate.py" line="152" />
        <source>the rows of a piece</source>
        <translation>每一段的行数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/simulate.py" line="183" />
        <location filename="../../gdsim/engine/swarm.py" line="487" />
        <source>steps</source>
        <translation>步数 steps</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/simulate.py" line="196" />
        <source>recording {rows} rows of 1 start needs {needed} GiB (limit {limit} GiB); use fewer steps, or gdsim.Run, which thins what it records</source>
        <translation>为 1 个起点记录 {rows} 行需要 {needed} GiB（上限 {limit} GiB）；请减少步数，或改用 gdsim.Run，它会抽稀所记录的行</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/simulate.py" line="198" />
        <source>recording {rows} rows of {k} starts needs {needed} GiB (limit {limit} GiB); use fewer steps or starts, or gdsim.Run, which thins what it records</source>
        <translation>为 {k} 个起点记录 {rows} 行需要 {needed} GiB（上限 {limit} GiB）；请减少步数或起点，或改用 gdsim.Run，它会抽稀所记录的行</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="187" />
        <source>a swarm needs a problem made by make_problem; got {problem!r}</source>
        <translation>起点群需要由 make_problem 创建的目标函数；收到的是 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="196" />
        <source>the starts</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="198" />
        <source>the starts of {problem!r} must have shape (N, {dim}) with N ≥ 1, got {shape}</source>
        <translation>{problem!r} 的起点形状必须是 (N, {dim})，且 N ≥ 1；收到的是 {shape}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="204" />
        <source>the threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="205" />
        <source>the chunk size</source>
        <translation>分块大小</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="401" />
        <source>a cloud of starts has no map; make a grid</source>
        <translation>随机起点云没有吸引域图；请使用网格</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="420" />
        <source>the region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="423" />
        <source>the region of {problem!r} must be {dim} pairs (low, high) of finite numbers with low &lt; high, within ±1e15, such as {example}; got {got}</source>
        <translation>{problem!r} 的区域必须是 {dim} 对有限数 (low, high)，low &lt; high，且在 ±1e15 之内，例如 {example}；收到的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="450" />
        <source>a basin map needs a problem of 1 or 2 parameters; {problem!r} has {dim}</source>
        <translation>吸引域图只适用于 1 个或 2 个参数的目标函数；{problem!r} 有 {dim} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="461" />
        <source>give a grid or a cloud of starts, not both</source>
        <translation>请给出网格或随机起点云，不能同时给出</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="462" />
        <source>the starts of a cloud</source>
        <translation>起点云的起点数</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="465" />
        <source>the grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="511" />
        <source>the radius</source>
        <translation>半径</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/swarm.py" line="513" />
        <source>the radius must be &gt; 0, got {radius}</source>
        <translation>半径必须 &gt; 0，收到的是 {radius}</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="42" />
        <source>the name ends in '/' or names a folder; give a file name</source>
        <translation>这个名称以 '/' 结尾，或者指的是一个文件夹；请给出文件名</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="44" />
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="45" />
        <source>{folder} is not a folder</source>
        <translation>{folder} 不是文件夹</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="46" />
        <source>it is a folder; give a file name</source>
        <translation>它是一个文件夹；请给出文件名</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="47" />
        <source>it is a FIFO and no program is reading from it</source>
        <translation>它是一个命名管道（FIFO），而没有程序在读取它</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="48" />
        <source>it is a {kind}; gdsim writes only to files, FIFOs and devices such as /dev/null</source>
        <translation>它是{kind}；gdsim 只写入普通文件、命名管道（FIFO）和 /dev/null 这样的设备</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="51" />
        <source>block device (a disk)</source>
        <translation>块设备（磁盘）</translation>
    </message>
    <message>
        <location filename="../../gdsim/files.py" line="55" />
        <source>it is not a regular file (it is a {kind}); an export replaces only regular files</source>
        <translation>它不是普通文件（而是{kind}）；导出只会替换普通文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/hand_data.py" line="23" />
        <source>a run needs at least one data point: click on the data plot to add one, or choose a dataset</source>
        <translation>运行至少需要一个数据点：在数据图上单击来添加一个点，或者选择一个数据集</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/hand_data.py" line="25" />
        <source>there are no data points to save: place some on the data plot</source>
        <translation>没有可保存的数据点：请先在数据图上放置一些点</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/hand_data.py" line="27" />
        <source>data placed by hand holds at most {most:,} points; import a CSV file for more</source>
        <translation>手动放置的数据最多包含 {most:,} 个点；更多的数据请导入 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/hand_data.py" line="29" />
        <source>data written out must be a table of columns such as {{ x = [1, 2], y = [0, 1] }} (x, or x1, x2, …, and y, each an array of numbers of one length); got {got}</source>
        <translation>直接写出的数据必须是由列组成的表，例如 {{ x = [1, 2], y = [0, 1] }}（x 或 x1、x2、…，以及 y，每一列都是长度相同的数字数组）；实际得到 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/hand_data.py" line="192" />
        <source>a data point must lie between -{limit:g} and {limit:g}, got {value}</source>
        <translation>数据点必须在 -{limit:g} 和 {limit:g} 之间，实际得到 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="207" />
        <source>lesson file {path}: {problem}</source>
        <translation>课件 {path}：{problem}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="252" />
        <source>[lesson] number {number} is taken by {other} too; each lesson needs its own number from {first} to {last}</source>
        <translation>[lesson] number {number} 已被 {other} 使用；每一课都需要自己的编号，从 {first} 到 {last}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="270" />
        <source>line {line}: the file is not UTF-8 text; save it as UTF-8</source>
        <translation>第 {line} 行：文件不是 UTF-8 文本；请把它存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="276" />
        <source>cannot read it: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="277" />
        <source>this is a folder, not a lesson file</source>
        <translation>这是一个文件夹，不是课件</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="278" />
        <source>this is not a regular file (it is a {kind}); lessons are read from files only</source>
        <translation>这不是普通文件（它是{kind}）；课件只从普通文件读取</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="280" />
        <source>the file is larger than {limit} KB; a lesson file has at most {limit} KB</source>
        <translation>文件大于 {limit} KB；课件最多 {limit} KB</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="291" />
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="325" />
        <source>line {line}: arrays and tables nest more than {limit} deep; a lesson needs 2 at most</source>
        <translation>第 {line} 行：数组和表嵌套超过 {limit} 层；一课最多只需 2 层</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="327" />
        <source>line {line}: a key has more than {limit} dotted parts (such as a.b.c); a lesson needs 3 at most</source>
        <translation>第 {line} 行：一个键由超过 {limit} 段以点连接的部分组成（例如 a.b.c）；一课最多只需 3 段</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="329" />
        <source>line {line}: more than {limit} tables; a lesson has [lesson], [setup], at most {most} [[setup.optimizers]], [view] and [expect]</source>
        <translation>第 {line} 行：表超过 {limit} 个；一课包含 [lesson]、[setup]、最多 {most} 个 [[setup.optimizers]]、[view] 和 [expect]</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="345" />
        <source>line {line}: {message}</source>
        <translation>第 {line} 行：{message}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="348" />
        <source>the TOML reader cannot read it ({error})</source>
        <translation>TOML 读取器无法读取它（{error}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="366" />
        <source>unknown table or key {key!r} at the top level; a lesson has [lesson], [setup] and, optionally, [view] and [expect]</source>
        <translation>顶层出现了未知的表或键 {key!r}；一课包含 [lesson]、[setup]，以及可选的 [view] 和 [expect]</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="368" />
        <source>unknown table or key {key!r} (did you mean {close!r}?) at the top level; a lesson has [lesson], [setup] and, optionally, [view] and [expect]</source>
        <translation>顶层出现了未知的表或键 {key!r}（是不是想写 {close!r}？）；一课包含 [lesson]、[setup]，以及可选的 [view] 和 [expect]</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="373" />
        <source>the file needs a [{name}] table; a lesson has [lesson], [setup] and, optionally, [view] and [expect]</source>
        <translation>文件需要一个 [{name}] 表；一课包含 [lesson]、[setup]，以及可选的 [view] 和 [expect]</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="391" />
        <source>[lesson] needs number (a whole number from {first} to {last}: the lesson's place in the Lessons menu)</source>
        <translation>[lesson] 需要 number（从 {first} 到 {last} 的整数：这一课在“课程”菜单中的位置）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="396" />
        <source>[lesson] number must be a whole number from {first} to {last}, got {got}</source>
        <translation>[lesson] number 必须是从 {first} 到 {last} 的整数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="404" />
        <source>[lesson] needs {name}.en (write {example})</source>
        <translation>[lesson] 需要 {name}.en（请写成 {example}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="411" />
        <source>[lesson] {name} must be a table of texts by language, such as {example}; got {got}</source>
        <translation>[lesson] {name} 必须是按语言给出文字的表，比如 {example}；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="418" />
        <source>[lesson] {name}.{language} must be a string, got {got}</source>
        <translation>[lesson] {name}.{language} 必须是字符串，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="423" />
        <source>[lesson] {name}.{language} has {length:,} characters; {most:,} at most</source>
        <translation>[lesson] {name}.{language} 有 {length:,} 个字符；最多 {most:,} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="428" />
        <source>[lesson] needs {name}.en (it is empty)</source>
        <translation>[lesson] 需要 {name}.en（它是空的）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="446" />
        <source>[setup] activation applies only to the problem neuron, not {problem!r}</source>
        <translation>[setup] activation 只适用于目标函数 neuron，不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="450" />
        <source>[setup] {key} applies only to the problems {models}, not {problem!r}</source>
        <translation>[setup] {key} 只适用于目标函数 {models}，不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="466" />
        <source>[setup] step_limit must be a whole number from 1 to {most}, got {got}</source>
        <translation>[setup] step_limit 必须是从 1 到 {most} 的整数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="472" />
        <source>[setup] tol must be a number ≥ 0, got {got}</source>
        <translation>[setup] tol 必须是 ≥ 0 的数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="483" />
        <source>{where} batch_size applies only to the problems {models}, not {problem!r}</source>
        <translation>{where} batch_size 只适用于目标函数 {models}，不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="512" />
        <source>[setup] {key} applies only to the problem {custom} (a typed function), not {problem!r}</source>
        <translation>[setup] {key} 只适用于目标函数 {custom}（输入的函数），不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="519" />
        <source>[setup] problem {custom} needs function, the text of a function of x, or of x and y, such as {example}</source>
        <translation>[setup] 目标函数 {custom} 需要 function：一个关于 x 或关于 x 和 y 的函数的文字，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="532" />
        <source>[setup] range must be two numbers [low, high] for x, or two such pairs for x and y, such as [-3, 3] or [[-3, 3], [-2, 2]]; got {got}</source>
        <translation>[setup] range 必须是 x 的两个数 [下限，上限]，或 x 和 y 各一对这样的数，例如 [-3, 3] 或 [[-3, 3], [-2, 2]]；得到的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="542" />
        <source>[setup] needs problem (one of: {valid})</source>
        <translation>[setup] 需要 problem（从以下选择：{valid}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="543" />
        <source>[setup] needs speed (steps per second, or "max" for as fast as possible)</source>
        <translation>[setup] 需要 speed（每秒的步数，或者写 "max" 表示尽可能快）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="545" />
        <source>[setup] needs step_limit (a whole number ≥ 1: the run stops after this many steps)</source>
        <translation>[setup] 需要 step_limit（≥ 1 的整数：运行走完这么多步后停止）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="547" />
        <source>[setup] needs optimizers (at least one [[setup.optimizers]] table with a name, such as name = "sgd")</source>
        <translation>[setup] 需要 optimizers（至少一个带名称的 [[setup.optimizers]] 表，比如 name = "sgd"）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="550" />
        <source>{where}: {error}</source>
        <translation>{where}：{error}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="558" />
        <source>[setup] data has {length:,} characters; a path has at most {most:,}</source>
        <translation>[setup] data 有 {length:,} 个字符；路径最多 {most:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="563" />
        <source>[setup] data is empty; give a CSV file or one of the built-in datasets: {valid}</source>
        <translation>[setup] data 是空的；请给出一个 CSV 文件，或以下内置数据集之一：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="569" />
        <source>[setup] data: the data file {path} does not exist; give a CSV file or one of the built-in datasets: {valid}</source>
        <translation>[setup] data：数据文件 {path} 不存在；请给出一个 CSV 文件，或以下内置数据集之一：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="573" />
        <source>[setup] data: the data file {path} does not exist (a relative path is taken from the lesson's folder {folder}); give a CSV file or one of the built-in datasets: {valid}</source>
        <translation>[setup] data：数据文件 {path} 不存在（相对路径从课件所在的文件夹 {folder} 算起）；请给出一个 CSV 文件，或以下内置数据集之一：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="586" />
        <source>[setup] speed must be a number of steps per second from {low:g} to {high:,g}, or "max"; got {got}</source>
        <translation>[setup] speed 必须是每秒的步数，从 {low:g} 到 {high:,g}，或者 "max"；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="599" />
        <source>[setup] optimizers must be one or more [[setup.optimizers]] tables, each with a name such as name = "sgd"; got {got}</source>
        <translation>[setup] optimizers 必须是一个或多个 [[setup.optimizers]] 表，每个都带有名称，比如 name = "sgd"；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="604" />
        <source>[setup] has {count} optimizers; a lesson runs at most {most} side by side</source>
        <translation>[setup] 有 {count} 个优化器；一课最多同时运行 {most} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="611" />
        <source>{where} needs name (one of: {valid})</source>
        <translation>{where} 需要 name（从以下选择：{valid}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="628" />
        <source>{where}: {key} is a parameter of a learning-rate schedule; give schedule = "…" too (one of: {valid})</source>
        <translation>{where}：{key} 是学习率调度的参数；请同时给出 schedule = "…"（可选：{valid}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="632" />
        <source>{where}: the schedule {schedule} has no parameter {key!r}; its parameters are: {valid}</source>
        <translation>{where}：学习率调度 {schedule} 没有参数 {key!r}；它的参数有：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="637" />
        <source>{where}: {optimizer} has no hyperparameter {key!r}; allowed keys: name, {allowed}</source>
        <translation>{where}：{optimizer} 没有超参数 {key!r}；允许的键有：name, {allowed}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="639" />
        <source>{where}: {optimizer} has no hyperparameter {key!r} (did you mean {close!r}?); allowed keys: name, {allowed}</source>
        <translation>{where}：{optimizer} 没有超参数 {key!r}（是不是想写 {close!r}？）；允许的键有：name, {allowed}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="644" />
        <source>{where}: {key} must be a number, got {got}</source>
        <translation>{where}：{key} 必须是数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="674" />
        <source>{where} {key} must be a whole number ≥ {low}, got {got}</source>
        <translation>{where} {key} 必须是 ≥ {low} 的整数，而输入的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="680" />
        <source>{where} seed orders the mini-batches; give batch_size too (without it every step uses the whole data)</source>
        <translation>{where} seed 决定小批量的顺序；请同时给出 batch_size（没有它，每一步都使用全部数据）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="691" />
        <source>{where} must be an array of numbers such as {example}; problem {problem!r} has 1 parameter ({names}); got {got}</source>
        <translation>{where} 必须是数值数组，比如 {example}；目标函数 {problem!r} 只有 1 个参数（{names}）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="694" />
        <source>{where} must be an array of numbers such as {example}; problem {problem!r} has {dim} parameters ({names}); got {got}</source>
        <translation>{where} 必须是数值数组，比如 {example}；目标函数 {problem!r} 有 {dim} 个参数（{names}）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="700" />
        <source>{where} has {count} numbers; problem {problem!r} has 1 parameter ({names})</source>
        <translation>{where} 有 {count} 个数；而目标函数 {problem!r} 只有 1 个参数（{names}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="703" />
        <source>{where} has 1 number; problem {problem!r} has {dim} parameters ({names})</source>
        <translation>{where} 只有 1 个数；而目标函数 {problem!r} 有 {dim} 个参数（{names}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="706" />
        <source>{where} has {count} numbers; problem {problem!r} has {dim} parameters ({names})</source>
        <translation>{where} 有 {count} 个数；而目标函数 {problem!r} 有 {dim} 个参数（{names}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="710" />
        <source>{where} must be finite numbers, got {got}</source>
        <translation>{where} 必须是有限的数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="719" />
        <source>[view] {key} must be true or false, got {got}</source>
        <translation>[view] {key} 必须是 true 或 false，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="728" />
        <source>[expect] needs status: one per optimizer ({n} here), each one of: {valid}</source>
        <translation>[expect] 需要 status：每个优化器一个（这里共 {n} 个），每个都是以下之一：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="733" />
        <source>[expect] status must be an array of statuses, one per optimizer ({n} here); got {got}</source>
        <translation>[expect] status 必须是状态数组，每个优化器一个（这里共 {n} 个）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="738" />
        <source>[expect] status[{i}] must be one of: {valid}; got {got}</source>
        <translation>[expect] status[{i}] 必须是以下之一：{valid}；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="745" />
        <source>[expect] tolerance must be a positive number, got {got}</source>
        <translation>[expect] tolerance 必须是正数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="752" />
        <source>[expect] final must be an array of points, one per optimizer ({n} here) ([] for one not checked); got {got}</source>
        <translation>[expect] final 必须是由点组成的数组，每个优化器一个（这里共 {n} 个；不检查的写 []）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="763" />
        <source>[expect] stopped_at must be an array of whole numbers from 0 to the step limit {limit}, one per optimizer ({n} here); got {got}</source>
        <translation>[expect] stopped_at 必须是整数数组，每个数从 0 到步数上限 {limit}，每个优化器一个（这里共 {n} 个）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="772" />
        <source>[expect] path must be an array with, for each optimizer ({n} here), an array of its first points from the start ([] for one not checked); got {got}</source>
        <translation>[expect] path 必须是一个数组，每个优化器（这里有 {n} 个）对应一个数组，列出它从起点开始的最初几个点（不检查的写 []）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="779" />
        <source>[expect] path[{i}] has {count} points; a run of {limit} steps has at most {most}</source>
        <translation>[expect] path[{i}] 有 {count} 个点；走 {limit} 步的运行最多只有 {most} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="793" />
        <source>[expect] closest must be an array with, for each optimizer ({n} here), a pair [distance ≥ 0, step from 0 to the step limit {limit}] ([] for one not checked); got {got}</source>
        <translation>[expect] closest 必须是一个数组，每个优化器（这里有 {n} 个）对应一对 [距离 ≥ 0, 从 0 到步数上限 {limit} 的步数]（不检查的写 []）；而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="799" />
        <source>[expect] closest needs a problem with a known minimum; {problem!r} has none</source>
        <translation>[expect] closest 需要一个最小值已知的目标函数；{problem!r} 的最小值未知</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="812" />
        <source>{where}: unknown key {key!r}; allowed keys: {allowed}</source>
        <translation>{where}：未知的键 {key!r}；允许的键有：{allowed}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="813" />
        <source>{where}: unknown key {key!r} (did you mean {close!r}?); allowed keys: {allowed}</source>
        <translation>{where}：未知的键 {key!r}（是不是想写 {close!r}？）；允许的键有：{allowed}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="829" />
        <source>{key} must be a table [{key}], got {got}</source>
        <translation>{key} 必须是一个表 [{key}]，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="846" />
        <source>{where} {key} must be a string, got {got}</source>
        <translation>{where} {key} 必须是字符串，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="862" />
        <source>{first} and {last}</source>
        <translation>{first} 和 {last}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="879" />
        <source>the string {text!r}</source>
        <translation>字符串 {text!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="881" />
        <source>a table</source>
        <translation>一个表</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="884" />
        <source>the array {text}</source>
        <translation>数组 {text}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="909" />
        <source>cannot be written as TOML: {error}</source>
        <translation>无法写成 TOML：{error}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="968" />
        <source>{where} must be a number, got {got}</source>
        <translation>{where} 必须是数，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="976" />
        <source>[setup] data must be a built-in dataset name or a CSV path, got {got}</source>
        <translation>[setup] data 必须是内置数据集的名称或 CSV 文件的路径，而给出的是 {got}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/lessons.py" line="994" />
        <source>cannot write it: {reason}</source>
        <translation>无法写入：{reason}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="42" />
        <source>Settings: the stored {key} is not usable: {reason}; using {default} instead</source>
        <translation>设置：保存的 {key} 不能使用：{reason}；改用 {default}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="44" />
        <source>Settings: the last setup cannot be restored: {reason}; gdsim starts with the default setup</source>
        <translation>设置：无法恢复上次的设置：{reason}；gdsim 以默认设置启动</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="77" />
        <source>it is not a JSON object</source>
        <translation>它不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="92" />
        <source>the problem custom needs its function as text, got {value}</source>
        <translation>目标函数 custom 需要以文字给出的函数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="101" />
        <source>it is not text</source>
        <translation>它不是文本</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="103" />
        <source>it is longer than {limit:,} characters</source>
        <translation>它超过 {limit:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="110" />
        <source>it nests deeper than {limit}</source>
        <translation>它的嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="114" />
        <source>it is not JSON: {error}</source>
        <translation>它不是 JSON：{error}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="137" />
        <source>the problem's own</source>
        <translation>该目标函数自己的设定</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="144" />
        <source>the problem's own start</source>
        <translation>该目标函数自己的起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="149" />
        <source>the watched run</source>
        <translation>所查看的运行</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="161" />
        <source>no schedule</source>
        <translation>不使用学习率调度</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="173" />
        <source>the whole data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="187" />
        <source>the setup's start</source>
        <translation>整体设置的起点</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="193" />
        <source>one run of SGD</source>
        <translation>一次梯度下降（SGD）运行</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="197" />
        <source>the other runs</source>
        <translation>其余的运行</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="201" />
        <source>a run must be an object with an optimizer's name, got {value}</source>
        <translation>一次运行必须是带有优化器名称的对象，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="217" />
        <source>the optimizer's defaults</source>
        <translation>该优化器的默认值</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="219" />
        <source>the hyperparameters must be an object of numbers by name, got {value}</source>
        <translation>超参数必须是按名称给出数值的对象，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="229" />
        <source>the optimizer's default</source>
        <translation>该优化器的默认值</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="235" />
        <source>contenders must be a list of 1 to {most} runs, got {value}</source>
        <translation>contenders 必须是包含 1 到 {most} 次运行的列表，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="247" />
        <source>a start must be a list of finite numbers, got {value}</source>
        <translation>起点必须是由有限的数组成的列表，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="256" />
        <source>activation applies only to the problem neuron, not {problem!r}</source>
        <translation>activation 只适用于目标函数 neuron，不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="258" />
        <source>{key} applies only to the problems {models}, not {problem!r}</source>
        <translation>{key} 只适用于目标函数 {models}，不适用于 {problem!r}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="270" />
        <source>data must be a built-in dataset's name or a path, got {value}</source>
        <translation>data 必须是内置数据集的名称或文件路径，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/remembered.py" line="273" />
        <source>a path has at most {most:,} characters, got {length:,}</source>
        <translation>路径最多 {most:,} 个字符，而这里有 {length:,} 个</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="41" />
        <source>the speed must be a number of steps per second from {low:g} to {high:,g}, or "max" (as fast as possible); got {value}</source>
        <translation>速度必须是每秒的步数，从 {low:g} 到 {high:,g}，或者 "max"（尽可能快）；而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="55" />
        <source>the step limit must be a whole number from 1 to {most}, got {limit}</source>
        <translation>步数上限必须是从 1 到 {most} 的整数，而输入的是 {limit}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="66" />
        <source>{what} must be from {low:g} to {high:g} in the window, got {value}</source>
        <translation>在窗口中，{what} 必须在 {low:g} 到 {high:g} 之间，而输入的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="71" />
        <source>{what} must be 0 or from {low:g} to {high:g} in the window, got {value}</source>
        <translation>在窗口中，{what} 必须是 0，或在 {low:g} 到 {high:g} 之间，而输入的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="252" />
        <source>choose at least one optimizer</source>
        <translation>请至少选择一个优化器</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="266" />
        <source>at most {most} runs go side by side; remove one first</source>
        <translation>最多只能并排 {most} 个运行；请先删除一个</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="275" />
        <source>the only run cannot be removed: one run at least is always there</source>
        <translation>唯一的运行不能删除：至少要保留一个运行</translation>
    </message>
    <message>
        <location filename="../../gdsim/model/setup.py" line="330" />
        <source>a schedule must be an object such as {{"name": "step", "gamma": 0.5}}, got {value}</source>
        <translation>学习率调度必须是一个对象，例如 {{"name": "step", "gamma": 0.5}}，而输入的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/session.py" line="46" />
        <source>choose two different parameters of: {names}</source>
        <translation>请从以下参数中选择两个不同的参数：{names}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/session.py" line="47" />
        <source>problem {problem!r} is a fixed function; only linreg and neuron are fitted to data</source>
        <translation>目标函数 {problem!r} 是一个固定的函数；只有 linreg 和 neuron 才拟合数据</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="35" />
        <source>Settings: the settings file {path} cannot be read safely: {reason}; gdsim starts with its defaults and, when it closes, keeps that file as {backup} and writes a new one</source>
        <translation>设置：无法安全地读取设置文件 {path}：{reason}；gdsim 以默认设置启动，并在关闭时把该文件保留为 {backup}，另写一个新文件</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="38" />
        <source>Settings: the settings file {path} cannot be read safely: {reason}; gdsim starts with its defaults and remembers nothing until that is removed</source>
        <translation>设置：无法安全地读取设置文件 {path}：{reason}；gdsim 以默认设置启动，在它被移除之前不会记住任何设置</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="41" />
        <source>it cannot be read: {reason}</source>
        <translation>无法读取它：{reason}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="74" />
        <source>it holds no value</source>
        <translation>它没有值</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="107" />
        <source>{value} is not a language gdsim ships; choose one of: {valid}</source>
        <translation>{value} 不是 gdsim 提供的语言；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="109" />
        <source>the system's language</source>
        <translation>系统的语言</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="120" />
        <source>the default layout</source>
        <translation>默认布局</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="218" />
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="220" />
        <source>it is not a regular file (it is a {kind})</source>
        <translation>它不是普通文件（它是{kind}）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="222" />
        <source>it is larger than {limit} MB</source>
        <translation>它大于 {limit} MB</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="237" />
        <source>it holds binary data (a NUL byte)</source>
        <translation>它含有二进制数据（NUL 字节）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="241" />
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="243" />
        <source>it holds a value gdsim never writes (@Variant)</source>
        <translation>它含有 gdsim 从不写入的值（@Variant）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="257" />
        <source>{value} is not a theme; choose one of: {valid}</source>
        <translation>{value} 不是主题；请从以下选择：{valid}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="269" />
        <source>the scale must be a number from {low:g} to {high:g}, got {value}</source>
        <translation>缩放比例必须是从 {low:g} 到 {high:g} 的数，而给出的是 {value}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/settings.py" line="278" />
        <source>it is not a window layout saved by gdsim, got {value}</source>
        <translation>它不是 gdsim 保存的窗口布局，而给出的是 {value}</translation>
    </message>
</context>
<context>
    <name>formulas</name>
    <message>
        <location filename="../../gdsim/engine/activations.py" line="119" />
        <source>f′(h) = 1 if h &gt; 0 else 0</source>
        <translation>f′(h) = 1 (h &gt; 0), 0 (h ≤ 0)</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/activations.py" line="122" />
        <source>f(h) = h if h &gt; 0 else 0.01·h</source>
        <translation>f(h) = h (h &gt; 0), 0.01·h (h ≤ 0)</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/activations.py" line="123" />
        <source>f′(h) = 1 if h &gt; 0 else 0.01</source>
        <translation>f′(h) = 1 (h &gt; 0), 0.01 (h ≤ 0)</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/activations.py" line="129" />
        <source>f(h) = 1 if h ≥ 0 else 0</source>
        <translation>f(h) = 1 (h ≥ 0), 0 (h &lt; 0)</translation>
    </message>
    <message>
        <location filename="../../gdsim/engine/activations.py" line="130" />
        <source>f′(h) = 0 (wherever it exists)</source>
        <translation>f′(h) = 0 (h ≠ 0)</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="25" />
        <source>hours studied</source>
        <translation>学习时长（小时）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/data_view.py" line="26" />
        <source>passed (1) or not (0)</source>
        <translation>是否通过（1 通过，0 未通过）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="11" />
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="12" />
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="13" />
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量法</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="14" />
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="15" />
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="16" />
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="17" />
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="18" />
        <source>AdaMax</source>
        <translation>AdaMax</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="19" />
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="20" />
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="23" />
        <source>Parabola</source>
        <translation>抛物线</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="24" />
        <source>Double well</source>
        <translation>双势阱</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="25" />
        <source>Ravine</source>
        <translation>峡谷</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="26" />
        <source>Rosenbrock</source>
        <translation>Rosenbrock 函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="27" />
        <source>Beale</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="28" />
        <source>Himmelblau</source>
        <translation>Himmelblau 函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="29" />
        <source>Saddle</source>
        <translation>马鞍面</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="30" />
        <source>Booth</source>
        <translation>Booth 函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="31" />
        <source>Rastrigin</source>
        <translation>Rastrigin 函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="32" />
        <source>Six-hump camel</source>
        <translation>六驼峰函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="33" />
        <source>Linear regression</source>
        <translation>线性回归</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="34" />
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="35" />
        <source>Your function</source>
        <translation>你的函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="38" />
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="39" />
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="40" />
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="41" />
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="42" />
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="43" />
        <source>Identity</source>
        <translation>恒等函数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="44" />
        <source>Step (perceptron)</source>
        <translation>阶跃函数（感知机）</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="47" />
        <source>Sum of squared errors</source>
        <translation>误差平方和</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="48" />
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="49" />
        <source>Half the mean squared error</source>
        <translation>均方误差的一半</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="50" />
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="53" />
        <source>learning rate η: the step size</source>
        <translation>学习率 η：步子的大小</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="54" />
        <source>μ: how much of the last step carries over</source>
        <translation>μ：上一步保留下来的比例</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="55" />
        <source>ρ: decay of both running means</source>
        <translation>ρ：两个滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="56" />
        <source>α: decay of the running mean of g²</source>
        <translation>α：g² 滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="57" />
        <source>β₁: decay of the running mean of gradients</source>
        <translation>β₁：梯度滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="58" />
        <source>β₂: decay of the running mean of squared gradients</source>
        <translation>β₂：梯度平方滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="59" />
        <source>ε: keeps the division finite</source>
        <translation>ε：防止除以零</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="60" />
        <source>ψ: how fast μₜ approaches β₁</source>
        <translation>ψ：μₜ 趋近 β₁ 的快慢</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="62" />
        <location filename="../../gdsim/ui/names.py" line="148" />
        <source>batch {0}</source>
        <translation>批大小 {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="63" />
        <location filename="../../gdsim/ui/names.py" line="152" />
        <source>from {0}</source>
        <translation>起点 {0}</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="65" />
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="66" />
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="67" />
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="68" />
        <source>1/t decay</source>
        <translation>1/t 衰减</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="69" />
        <source>Cosine annealing</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="73" />
        <source>k: updates between two decays</source>
        <translation>k：两次衰减之间的更新次数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="74" />
        <source>γ: the factor of each decay</source>
        <translation>γ：每次衰减乘的因子</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="75" />
        <source>γ: the factor of each update</source>
        <translation>γ：每次更新乘的因子</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="76" />
        <source>d: how fast η falls</source>
        <translation>d：η 下降的快慢</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="77" />
        <source>T: updates from η down to the floor</source>
        <translation>T：η 降到下限所用的更新次数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="78" />
        <source>φ: the last η as a share of η</source>
        <translation>φ：最终的 η 占 η 的比例</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="79" />
        <source>w: updates of linear warm-up</source>
        <translation>w：线性预热的更新次数</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="84" />
        <source>momentum</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="85" />
        <source>rho</source>
        <translation>衰减率 ρ</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="86" />
        <source>alpha</source>
        <translation>衰减率 α</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="87" />
        <source>beta1</source>
        <translation>衰减率 β₁</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="88" />
        <source>beta2</source>
        <translation>衰减率 β₂</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="89" />
        <source>eps</source>
        <translation>ε</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="90" />
        <source>momentum_decay</source>
        <translation>动量衰减 ψ</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="94" />
        <source>Noisy line</source>
        <translation>带噪声的直线</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="95" />
        <source>Pass or fail</source>
        <translation>考试是否通过</translation>
    </message>
    <message>
        <location filename="../../gdsim/ui/names.py" line="123" />
        <source>{0}:  {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <location filename="../../gdsim/ui/refusals.py" line="13" />
        <source>Nothing was changed.</source>
        <translation>没有做任何更改。</translation>
    </message>
</context>
</TS>
