<!DOCTYPE qgis>
<!-- Laying of routes and cables (gt_laying): aerial stands out, the most exposed to storms. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="gt_laying">
    <categories>
      <category value="AERIEN" symbol="0" label="Aerial"/>
      <category value="FACADE" symbol="1" label="Façade"/>
      <category value="SOUTERRAIN" symbol="2" label="Underground"/>
      <category value="INTERIEUR" symbol="3" label="Indoor"/>
      <category value="INCONNU" symbol="4" label="Unknown laying"/>
    </categories>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="230,97,1,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="94,60,153,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="67,147,195,255"/><prop k="line_width" v="0.5"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="186,186,186,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="135,135,135,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/><prop k="line_style" v="dash"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
